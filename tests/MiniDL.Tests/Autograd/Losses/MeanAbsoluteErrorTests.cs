namespace MiniDL.Tests.Autograd.Losses;

public class MeanAbsoluteErrorTests
{
    [TestCaseSource(typeof(TestBackends), nameof(TestBackends.Float64))]
    public void Backward_RandomShapesAwayFromKink_MatchesCentralDifferences(string backendName) => GraphCases.MeanAbsoluteError.CheckGradients(backendName);

    [Test]
    public void Forward_Vector_IsMeanOfAbsoluteErrors()
    {
        var loss = MeanAbsoluteError.Forward(Node.Leaf(Tensor.FromRows([[1, -2, 3]])), Node.Constant(Tensor.FromRows([[0, 0, 5]])));
        Assert.That(loss.Value.Item(), Is.EqualTo((1 + 2 + 2) / 3.0).Within(1e-15));
    }

    [Test]
    public void Backward_PredictionEqualsTarget_SubgradientIsZero()
    {
        var p = Node.Leaf(Tensor.FromRows([[1, -2, 3, 4]]));
        MeanAbsoluteError.Forward(p, Node.Constant(Tensor.FromRows([[1, 0, 5, 4]]))).Backward();
        Assert.That(p.Grad!.ToArray(), Is.EqualTo(new[] { 0, -0.25, -0.25, 0 }), "sign(ŷ − y)/N with sign(0) = 0");
    }

    [Test]
    public void Forward_ShapesDiffer_ThrowsNamingBothShapes()
    {
        var ex = Assert.Throws<ArgumentException>(() => MeanAbsoluteError.Forward(Node.Leaf(Tensor.Zeros(1, 3)), Node.Constant(Tensor.Zeros(1, 4))));
        Assert.That(ex!.Message, Does.Contain("mae").And.Contain("(1, 3)").And.Contain("(1, 4)"));
    }
}
