namespace MiniDL.Tests.Autograd.Activations;

public class ReluTests
{
    [TestCaseSource(typeof(TestBackends), nameof(TestBackends.Float64))]
    public void Backward_RandomShapesAwayFromKink_MatchesCentralDifferences(string backendName) => GraphCases.Relu.CheckGradients(backendName);

    [Test]
    public void Backward_AtKinkZero_GradientIsZeroAsPyTorch()
    {
        var x = Node.Leaf(Tensor.FromRows([[-1, 0, 2]]));
        Relu.Forward(x).Backward(Tensor.FromRows([[5, 5, 5]]));
        Assert.That(x.Grad!.ToArray(), Is.EqualTo(new double[] { 0, 0, 5 }), "ReLU'(x) = [x > 0], so ReLU'(0) = 0");
    }

    [Test]
    public void Forward_MixedSigns_IsMaxOfZeroAndX()
    {
        var y = Relu.Forward(Node.Leaf(Tensor.FromRows([[-2, 0, 3.5]]))).Value.ToArray();
        Assert.That(y, Is.EqualTo(new[] { 0, 0, 3.5 }));
    }
}
