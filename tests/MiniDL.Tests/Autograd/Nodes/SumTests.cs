namespace MiniDL.Tests.Autograd.Nodes;

public class SumTests
{
    [TestCaseSource(typeof(TestBackends), nameof(TestBackends.Float64))]
    public void Backward_RandomShapes_MatchesCentralDifferences(string backendName) => GraphCases.Sum.CheckGradients(backendName);

    [TestCaseSource(typeof(TestBackends), nameof(TestBackends.Float64))]
    public void Sum_RandomMatrix_ValueIsTotalAndGradientIsAllOnes(string backendName)
    {
        var backend = TestBackends.Get(backendName);
        Properties.Check("sum value and gradient", Generators.AnyMatrix(), x =>
        {
            var leaf = Node.Leaf(x.ToTensor(backend));
            var y = Sum.Forward(leaf);
            Assert.That((y.Rows, y.Columns), Is.EqualTo((1, 1)), $"sum of X={x} is 1×1");
            Assert.That(y.Value.Item(), Is.EqualTo(x.Values.Sum()).Within(1e-12), $"sum value at X={x}");
            y.Backward();
            Assert.That(leaf.Grad!.ToArray(), Is.All.EqualTo(1.0), $"∂ΣX/∂X = 1 at X={x}");
        });
    }

    [Test]
    public void Backward_ScaledUpstream_EveryElementGetsTheScalar()
    {
        var x = NodeGradients.Leaf(2, 2, 1, 2, 3, 4);
        Sum.Forward(x).Backward(Tensor.Scalar(-2.5));
        Assert.That(x.Grad!.ToArray(), Is.EqualTo(new double[] { -2.5, -2.5, -2.5, -2.5 }));
    }
}
