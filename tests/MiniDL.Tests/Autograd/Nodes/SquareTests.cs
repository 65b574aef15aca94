using MiniDL.Autograd;
using MiniDL.Autograd.Nodes;
using MiniDL.Tests.TestSupport;

namespace MiniDL.Tests.Autograd.Nodes;

[TestFixture]
public class SquareTests
{
    [TestCaseSource(typeof(TestBackends), nameof(TestBackends.Float64))]
    public void Backward_RandomShapes_MatchesCentralDifferences(string backendName)
    {
        var backend = TestBackends.Get(backendName);
        NodeGradients.Check("square", backend, NodeGradients.One(Generators.Value(-2, 2)), v => Square.Forward(v[0]));
    }

    [Test]
    public void Forward_KnownValues_MatchesFormula()
    {
        double[] xs = [-1.5, 0, 2];
        var x = Node.Leaf(Tensor.FromArray(xs, 1, 3));
        var y = Square.Forward(x);
        Func<double, double> f = x => x * x;
        Assert.That(y.Value.ToArray(), Is.EqualTo(xs.Select(f).ToArray()).Within(1e-12), $"square forward at [{string.Join(", ", xs)}]");
        Assert.That(y.Op, Is.EqualTo("square"));
    }

    [Test]
    public void Backward_ScalarInput_GivesTheDerivative()
    {
        // (x²)′ = 2x.
        var x = Node.Leaf(Tensor.Scalar(-3.0));
        Square.Forward(x).Backward();
        Assert.That(x.Grad!.Item(), Is.EqualTo(-6.0).Within(1e-12), "square derivative at x = -3.0");
    }

    [Test]
    public void Backward_UsedTwice_AccumulatesBothGradients()
    {
        // Two uses of the same node: the gradients add (lecture 7's copy rule), they do not overwrite.
        var x = Node.Leaf(Tensor.Scalar(-3.0));
        Add.Forward(Square.Forward(x), Square.Forward(x)).Backward();
        Assert.That(x.Grad!.Item(), Is.EqualTo(2 * (-6.0)).Within(1e-12), "square used twice at x = -3.0");
    }
}
