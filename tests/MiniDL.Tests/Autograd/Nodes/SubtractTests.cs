using MiniDL.Autograd;
using MiniDL.Autograd.Nodes;
using MiniDL.Tests.TestSupport;

namespace MiniDL.Tests.Autograd.Nodes;

[TestFixture]
public class SubtractTests
{
    [TestCaseSource(typeof(TestBackends), nameof(TestBackends.Float64))]
    public void Backward_RandomShapes_MatchesCentralDifferences(string backendName)
    {
        var backend = TestBackends.Get(backendName);
        var value = Generators.Value(-2, 2);
        NodeGradients.Check("subtract", backend, NodeGradients.Two(value, value), v => Subtract.Forward(v[0], v[1]));
    }

    [Test]
    public void Forward_TwoByTwo_Subtracts()
    {
        var y = Subtract.Forward(NodeGradients.Leaf(2, 2, 1, 2, 3, 4), NodeGradients.Leaf(2, 2, 5, -6, 0.5, 0));
        Assert.That(y.Value.ToArray(), Is.EqualTo(new double[] { -4, 8, 2.5, 4 }));
    }

    [Test]
    public void Backward_SumOfDifference_GivesPlusAndMinusOne()
    {
        var x1 = NodeGradients.Leaf(1, 2, 1, 2);
        var x2 = NodeGradients.Leaf(1, 2, 3, 4);
        Sum.Forward(Subtract.Forward(x1, x2)).Backward();
        Assert.That(x1.Grad!.ToArray(), Is.EqualTo(new double[] { 1, 1 }), "∇X₁ = ∇Y");
        Assert.That(x2.Grad!.ToArray(), Is.EqualTo(new double[] { -1, -1 }), "∇X₂ = −∇Y");
    }

    [Test]
    public void Forward_ShapesDiffer_ThrowsNamingBothShapes()
    {
        var ex = Assert.Throws<ArgumentException>(() => Subtract.Forward(Node.Leaf(Tensor.Zeros(2, 3)), Node.Leaf(Tensor.Zeros(2, 4))));
        Assert.That(ex!.Message, Does.Contain("subtract").And.Contain("(2, 3)").And.Contain("(2, 4)"));
    }
}
