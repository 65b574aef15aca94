using MiniDL.Autograd;
using MiniDL.Autograd.Nodes;
using MiniDL.Tests.TestSupport;

namespace MiniDL.Tests.Autograd.Nodes;

[TestFixture]
public class DivideTests
{
    [TestCaseSource(typeof(TestBackends), nameof(TestBackends.Float64))]
    public void Backward_RandomShapes_MatchesCentralDifferences(string backendName)
    {
        var backend = TestBackends.Get(backendName);
        NodeGradients.Check("divide", backend, NodeGradients.Two(Generators.Value(-2, 2), Generators.AwayFromZero(-3, 3, 0.5)), v => Divide.Forward(v[0], v[1]));
    }

    [Test]
    public void Forward_TwoByTwo_Divides()
    {
        var y = Divide.Forward(NodeGradients.Leaf(2, 2, 1, 2, 3, 4), NodeGradients.Leaf(2, 2, 4, -8, 0.5, 2));
        Assert.That(y.Value.ToArray(), Is.EqualTo(new double[] { 0.25, -0.25, 6, 2 }));
    }

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

    [Test]
    public void Forward_ShapesDiffer_ThrowsNamingBothShapes()
    {
        var ex = Assert.Throws<ArgumentException>(() => Divide.Forward(Node.Leaf(Tensor.Zeros(1, 3)), Node.Leaf(Tensor.Zeros(3, 1))));
        Assert.That(ex!.Message, Does.Contain("divide").And.Contain("(1, 3)").And.Contain("(3, 1)"));
    }
}
