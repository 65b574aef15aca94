using MiniDL.Autograd;
using MiniDL.Autograd.Nodes;
using MiniDL.Tests.TestSupport;

namespace MiniDL.Tests.Autograd.Nodes;

[TestFixture]
public class MultiplyTests
{
    [TestCaseSource(typeof(TestBackends), nameof(TestBackends.Float64))]
    public void Backward_RandomShapes_MatchesCentralDifferences(string backendName)
    {
        var backend = TestBackends.Get(backendName);
        var value = Generators.Value(-2, 2);
        NodeGradients.Check("multiply", backend, NodeGradients.Two(value, value), v => Multiply.Forward(v[0], v[1]));
    }

    [Test]
    public void Forward_TwoByTwo_MultipliesElementWise()
    {
        var y = Multiply.Forward(NodeGradients.Leaf(2, 2, 1, 2, 3, 4), NodeGradients.Leaf(2, 2, 5, -6, 0.5, 0));
        Assert.That(y.Value.ToArray(), Is.EqualTo(new double[] { 5, -12, 1.5, 0 }));
    }

    [Test]
    public void Backward_LectureRule_GradientOfEachIsTheOther()
    {
        // Lecture 7: ∇X₁ = ∇Y ⊙ X₂, ∇X₂ = ∇Y ⊙ X₁; with ∇Y = 1 (J = Σ Y) each gradient is the other input.
        var x1 = NodeGradients.Leaf(1, 3, 1, 2, 3);
        var x2 = NodeGradients.Leaf(1, 3, -4, 5, 6);
        Sum.Forward(Multiply.Forward(x1, x2)).Backward();
        Assert.That(x1.Grad!.ToArray(), Is.EqualTo(new double[] { -4, 5, 6 }), "∇X₁");
        Assert.That(x2.Grad!.ToArray(), Is.EqualTo(new double[] { 1, 2, 3 }), "∇X₂");
    }

    [Test]
    public void Backward_ConstantInput_ReceivesNoGradient()
    {
        var x = NodeGradients.Leaf(1, 2, 1, 2);
        var c = Node.Constant(Tensor.FromArray([3.0, 4.0], 1, 2));
        Sum.Forward(Multiply.Forward(x, c)).Backward();
        Assert.That(c.Grad, Is.Null, "a constant takes no gradient");
        Assert.That(x.Grad!.ToArray(), Is.EqualTo(new double[] { 3, 4 }));
    }

    [Test]
    public void Forward_ShapesDiffer_ThrowsNamingBothShapes()
    {
        var ex = Assert.Throws<ArgumentException>(() => Multiply.Forward(Node.Leaf(Tensor.Zeros(2, 3)), Node.Leaf(Tensor.Zeros(3, 2))));
        Assert.That(ex!.Message, Does.Contain("multiply").And.Contain("(2, 3)").And.Contain("(3, 2)"));
    }
}
