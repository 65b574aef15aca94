namespace MiniDL.Tests.Autograd.Nodes;

public class SumTests
{
    [TestCaseSource(typeof(TestBackends), nameof(TestBackends.Float64))]
    public void Backward_RandomShapes_MatchesCentralDifferences(string backendName) => GraphCases.Sum.CheckGradients(backendName);

    [TestCaseSource(typeof(TestBackends), nameof(TestBackends.Float64))]
    public void Sum_RandomMatrix_ValueIsTotalAndGradientIsAllOnes(string backendName)
        => NodeGradients.CheckReduction(backendName, "sum", Sum.Forward, v => v.Sum(), _ => 1.0, gradientTolerance: 0);

    [Test]
    public void Backward_ScaledUpstream_EveryElementGetsTheScalar()
    {
        var x = NodeGradients.Leaf(2, 2, 1, 2, 3, 4);
        Sum.Forward(x).Backward(Tensor.Scalar(-2.5));
        Assert.That(x.Grad!.ToArray(), Is.EqualTo(new double[] { -2.5, -2.5, -2.5, -2.5 }));
    }
}
