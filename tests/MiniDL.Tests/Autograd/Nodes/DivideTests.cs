namespace MiniDL.Tests.Autograd.Nodes;

/// <summary>Y = X₁ / X₂ element-wise.</summary>
public class DivideTests() : BinaryNodeTests(GraphCases.Divide, Divide.Forward, [4, -8, 0.5, 2], [0.25, -0.25, 6, 2], (1, 3), (3, 1))
{
    [Test]
    public void Backward_ScalarInputs_GivesQuotientRule()
    {
        // y = a/b at a = 3, b = 2: ∂y/∂a = 1/b = 0.5, ∂y/∂b = −a/b² = −0.75.
        var a = Node.Leaf(Tensor.Scalar(3));
        var b = Node.Leaf(Tensor.Scalar(2));
        Divide.Forward(a, b).Backward();
        Assert.That(a.Grad!.Item(), Is.EqualTo(0.5).Within(1e-12), "∂(a/b)/∂a");
        Assert.That(b.Grad!.Item(), Is.EqualTo(-0.75).Within(1e-12), "∂(a/b)/∂b");
    }
}
