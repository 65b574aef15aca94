namespace MiniDL.Tests.Autograd.Nodes;

public class MeanTests
{
    [TestCaseSource(typeof(TestBackends), nameof(TestBackends.Float64))]
    public void Backward_RandomShapes_MatchesCentralDifferences(string backendName) => GraphCases.Mean.CheckGradients(backendName);

    [TestCaseSource(typeof(TestBackends), nameof(TestBackends.Float64))]
    public void Mean_RandomMatrix_ValueIsAverageAndGradientIsOneOverCount(string backendName)
    {
        var backend = TestBackends.Get(backendName);
        Properties.Check("mean value and gradient", Generators.AnyMatrix(), x =>
        {
            var leaf = Node.Leaf(x.ToTensor(backend));
            var y = Mean.Forward(leaf);
            Assert.That(y.Value.Item(), Is.EqualTo(x.Values.Average()).Within(1e-12), $"mean value at X={x}");
            y.Backward();
            double expected = 1.0 / x.Values.Length;
            Assert.That(leaf.Grad!.ToArray(), Is.All.EqualTo(expected).Within(1e-15), $"∂mean/∂X = 1/L at X={x}");
        });
    }

    [Test]
    public void Forward_Empty_ThrowsNamingMean()
    {
        var ex = Assert.Throws<ArgumentException>(() => Mean.Forward(Node.Leaf(Tensor.Zeros(0, 3))));
        Assert.That(ex!.Message, Does.Contain("mean").And.Contain("(0, 3)"));
    }
}
