namespace MiniDL.Tests.Autograd.Nodes;

public class AddBiasTests
{
    [TestCaseSource(typeof(TestBackends), nameof(TestBackends.Float64))]
    public void Backward_RandomShapes_MatchesCentralDifferences(string backendName) => GraphCases.AddBias.CheckGradients(backendName);

    [Test]
    public void Backward_ThreeRows_BiasGradientIsColumnSums()
    {
        // Lecture 7: ∇X = ∇Y, ∇B = Σ_rows ∇Y.
        var x = NodeGradients.Leaf(3, 2, 0, 0, 0, 0, 0, 0);
        var b = NodeGradients.Leaf(1, 2, 10, 20);
        var y = AddBias.Forward(x, b);
        Assert.That(y.Value.ToArray(), Is.EqualTo(new double[] { 10, 20, 10, 20, 10, 20 }), "forward");
        y.Backward(Tensor.FromArray([1.0, 2, 3, 4, 5, 6], 3, 2));
        Assert.That(x.Grad!.ToArray(), Is.EqualTo(new double[] { 1, 2, 3, 4, 5, 6 }), "∇X = ∇Y");
        Assert.That(b.Grad!.ToArray(), Is.EqualTo(new double[] { 9, 12 }), "∇B = Σ_rows ∇Y");
    }

    [Test]
    public void Forward_BiasTooWide_ThrowsNamingBothShapes()
    {
        var ex = Assert.Throws<ArgumentException>(() => AddBias.Forward(Node.Leaf(Tensor.Zeros(4, 3)), Node.Leaf(Tensor.Zeros(1, 5))));
        Assert.That(ex!.Message, Does.Contain("add_bias").And.Contain("(4, 3)").And.Contain("(1, 5)"));
    }
}
