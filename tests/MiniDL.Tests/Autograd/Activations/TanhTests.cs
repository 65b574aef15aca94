namespace MiniDL.Tests.Autograd.Activations;

public class TanhTests
{
    [TestCaseSource(typeof(TestBackends), nameof(TestBackends.Float64))]
    public void Backward_RandomShapes_MatchesCentralDifferences(string backendName) => GraphCases.Tanh.CheckGradients(backendName);

    [Test]
    public void Forward_KnownInputs_MatchesTanh()
    {
        var y = Tanh.Forward(Node.Leaf(Tensor.FromRows([[0, 0.5], [-1, 3]]))).Value.ToArray();
        Assert.That(y, Is.EqualTo(new[] { 0, Math.Tanh(0.5), Math.Tanh(-1), Math.Tanh(3) }).Within(1e-15));
    }

    [Test]
    public void Backward_KnownInputs_IsOneMinusYSquaredTimesUpstream()
    {
        var x = Node.Leaf(Tensor.FromRows([[0, 0.5]]));
        var y = Tanh.Forward(x);
        y.Backward(Tensor.FromRows([[2, 3]]));
        double t = Math.Tanh(0.5);
        Assert.That(x.Grad!.ToArray(), Is.EqualTo(new[] { 2.0, 3 * (1 - t * t) }).Within(1e-15));
    }
}
