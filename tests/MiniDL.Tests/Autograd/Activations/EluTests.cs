namespace MiniDL.Tests.Autograd.Activations;

public class EluTests
{
    [TestCaseSource(typeof(TestBackends), nameof(TestBackends.Float64))]
    public void Backward_RandomShapesAndAlphaAwayFromKink_MatchesCentralDifferences(string backendName) => GraphCases.Elu.CheckGradients(backendName);

    [Test]
    public void Forward_DefaultAlpha_IsXOrAlphaTimesExpMinusOne()
    {
        var y = Elu.Forward(Node.Leaf(Tensor.FromRows([[-2, 0, 1.5]]))).Value.ToArray();
        Assert.That(y, Is.EqualTo(new[] { Math.Exp(-2) - 1, 0, 1.5 }).Within(1e-15));
    }

    [Test]
    public void Backward_NegativeAndZeroInputs_IsAlphaExpXAndOne()
    {
        var x = Node.Leaf(Tensor.FromRows([[-1, 0]]));
        Elu.Forward(x, 0.5).Backward(Tensor.FromRows([[1, 1]]));
        Assert.That(x.Grad!.ToArray(), Is.EqualTo(new[] { 0.5 * Math.Exp(-1), 1 }).Within(1e-15), "x ≥ 0 takes the lecture's first branch");
    }
}
