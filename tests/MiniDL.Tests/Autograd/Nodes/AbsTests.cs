using MiniDL.Autograd;
using MiniDL.Autograd.Nodes;
using MiniDL.Tests.TestSupport;

namespace MiniDL.Tests.Autograd.Nodes;

[TestFixture]
public class AbsTests
{
    [TestCaseSource(typeof(TestBackends), nameof(TestBackends.Float64))]
    public void Backward_RandomShapes_MatchesCentralDifferences(string backendName)
    {
        var backend = TestBackends.Get(backendName);
        NodeGradients.Check("abs", backend, NodeGradients.One(Generators.AwayFromZero(-2, 2, 0.1)), v => Abs.Forward(v[0]));
    }

    [Test]
    public void Forward_KnownValues_MatchesFormula()
    {
        double[] xs = [-1.5, 0, 2];
        var x = Node.Leaf(Tensor.FromArray(xs, 1, 3));
        var y = Abs.Forward(x);
        Func<double, double> f = Math.Abs;
        Assert.That(y.Value.ToArray(), Is.EqualTo(xs.Select(f).ToArray()).Within(1e-12), $"abs forward at [{string.Join(", ", xs)}]");
        Assert.That(y.Op, Is.EqualTo("abs"));
    }

    [Test]
    public void Backward_ScalarInput_GivesTheDerivative()
    {
        // |x|′ = sign(x).
        var x = Node.Leaf(Tensor.Scalar(-3.0));
        Abs.Forward(x).Backward();
        Assert.That(x.Grad!.Item(), Is.EqualTo(-1.0).Within(1e-12), "abs derivative at x = -3.0");
    }

    [Test]
    public void Backward_UsedTwice_AccumulatesBothGradients()
    {
        // Two uses of the same node: the gradients add (lecture 7's copy rule), they do not overwrite.
        var x = Node.Leaf(Tensor.Scalar(-3.0));
        Add.Forward(Abs.Forward(x), Abs.Forward(x)).Backward();
        Assert.That(x.Grad!.Item(), Is.EqualTo(2 * (-1.0)).Within(1e-12), "abs used twice at x = -3.0");
    }
}
