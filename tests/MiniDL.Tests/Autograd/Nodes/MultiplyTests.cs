namespace MiniDL.Tests.Autograd.Nodes;

/// <summary>Y = X₁ ⊙ X₂.</summary>
public class MultiplyTests() : BinaryNodeTests(GraphCases.Multiply, Multiply.Forward, [5, -6, 0.5, 0], [5, -12, 1.5, 0], (2, 3), (3, 2))
{
    [Test]
    public void Backward_LectureRule_GradientOfEachIsTheOther()
    {
        // Lecture 7: ∇X₁ = ∇Y ⊙ X₂, ∇X₂ = ∇Y ⊙ X₁; with ∇Y = 1 (J = Σ Y) each gradient is the other input.
        var x1 = Leaf(1, 3, 1, 2, 3);
        var x2 = Leaf(1, 3, -4, 5, 6);
        Sum.Forward(Multiply.Forward(x1, x2)).Backward();
        Assert.That(x1.Grad!.ToArray(), Is.EqualTo(new double[] { -4, 5, 6 }), "∇X₁");
        Assert.That(x2.Grad!.ToArray(), Is.EqualTo(new double[] { 1, 2, 3 }), "∇X₂");
    }

    [Test]
    public void Backward_ConstantInput_ReceivesNoGradient()
    {
        var x = Leaf(1, 2, 1, 2);
        var c = Node.Constant(Tensor.FromArray([3.0, 4.0], 1, 2));
        Sum.Forward(Multiply.Forward(x, c)).Backward();
        Assert.That(c.Grad, Is.Null, "a constant takes no gradient");
        Assert.That(x.Grad!.ToArray(), Is.EqualTo(new double[] { 3, 4 }));
    }
}
