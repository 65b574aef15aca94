namespace MiniDL.Tests.Autograd.Nodes;

public class MeanTests
{
    [TestCaseSource(typeof(TestBackends), nameof(TestBackends.Float64))]
    public void Backward_RandomShapes_MatchesCentralDifferences(string backendName) => GraphCases.Mean.CheckGradients(backendName);

    [TestCaseSource(typeof(TestBackends), nameof(TestBackends.Float64))]
    public void Mean_RandomMatrix_ValueIsAverageAndGradientIsOneOverCount(string backendName)
        => NodeGradients.CheckReduction(backendName, "mean", Mean.Forward, v => v.Average(), count => 1.0 / count, gradientTolerance: 1e-15);

    [Test]
    public void Forward_Empty_ThrowsNamingMean()
    {
        var ex = Assert.Throws<ArgumentException>(() => Mean.Forward(Node.Leaf(Tensor.Zeros(0, 3))));
        Assert.That(ex!.Message, Does.Contain("mean").And.Contain("(0, 3)"));
    }
}
