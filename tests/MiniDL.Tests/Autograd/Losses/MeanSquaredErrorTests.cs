namespace MiniDL.Tests.Autograd.Losses;

public class MeanSquaredErrorTests
{
    [TestCaseSource(typeof(TestBackends), nameof(TestBackends.Float64))]
    public void Backward_RandomShapes_MatchesCentralDifferences(string backendName) => GraphCases.MeanSquaredError.CheckGradients(backendName);

    [Test]
    public void Forward_Matrix_DividesByNumberOfElements()
    {
        var p = Node.Leaf(Tensor.FromRows([[1, 2], [3, 4]]));
        var y = Node.Constant(Tensor.FromRows([[1, 0], [0, 0]]));
        var loss = MeanSquaredError.Forward(p, y);
        Assert.That(loss.Value.Shape, Is.EqualTo(new[] { 1, 1 }));
        Assert.That(loss.Value.Item(), Is.EqualTo((0 + 4 + 9 + 16) / 4.0).Within(1e-15), "n = 4 elements");
    }

    [Test]
    public void Backward_Matrix_IsTwoOverNTimesError()
    {
        var p = Node.Leaf(Tensor.FromRows([[1, 2], [3, 4]]));
        var loss = MeanSquaredError.Forward(p, Node.Constant(Tensor.FromRows([[1, 0], [0, 0]])));
        loss.Backward();
        Assert.That(p.Grad!.ToArray(), Is.EqualTo(new[] { 0, 1, 1.5, 2 }).Within(1e-15));
    }

    [Test]
    public void Forward_ShapesDiffer_ThrowsNamingBothShapes()
    {
        var ex = Assert.Throws<ArgumentException>(() => MeanSquaredError.Forward(Node.Leaf(Tensor.Zeros(2, 3)), Node.Constant(Tensor.Zeros(3, 2))));
        Assert.That(ex!.Message, Does.Contain("mse").And.Contain("(2, 3)").And.Contain("(3, 2)"));
    }

    [Test]
    public void Forward_TargetRequiresGradient_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => MeanSquaredError.Forward(Node.Leaf(Tensor.Zeros(2, 3)), Node.Leaf(Tensor.Zeros(2, 3))));
        Assert.That(ex!.Message, Does.Contain("mse").And.Contain("Node.Constant"));
    }
}
