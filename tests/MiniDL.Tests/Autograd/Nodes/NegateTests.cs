using MiniDL.Autograd;
using MiniDL.Autograd.Nodes;
using MiniDL.Tests.TestSupport;

namespace MiniDL.Tests.Autograd.Nodes;

[TestFixture]
public class NegateTests
{
    [TestCaseSource(typeof(TestBackends), nameof(TestBackends.Float64))]
    public void Backward_RandomShapes_MatchesCentralDifferences(string backendName)
    {
        var backend = TestBackends.Get(backendName);
        NodeGradients.Check("negate", backend, NodeGradients.One(Generators.Value(-2, 2)), v => Negate.Forward(v[0]));
    }

    [Test]
    public void Forward_KnownValues_MatchesFormula()
    {
        double[] xs = [-1.5, 0, 2.25];
        var x = Node.Leaf(Tensor.FromArray(xs, 1, 3));
        var y = Negate.Forward(x);
        Func<double, double> f = x => -x;
        Assert.That(y.Value.ToArray(), Is.EqualTo(xs.Select(f).ToArray()).Within(1e-12), $"negate forward at [{string.Join(", ", xs)}]");
        Assert.That(y.Op, Is.EqualTo("negate"));
    }

    [Test]
    public void Backward_ScalarInput_GivesTheDerivative()
    {
        // lecture 7: negation, d(−x)/dx = −1.
        var x = Node.Leaf(Tensor.Scalar(3.0));
        Negate.Forward(x).Backward();
        Assert.That(x.Grad!.Item(), Is.EqualTo(-1.0).Within(1e-12), "negate derivative at x = 3.0");
    }

    [Test]
    public void Backward_UsedTwice_AccumulatesBothGradients()
    {
        // Two uses of the same node: the gradients add (lecture 7's copy rule), they do not overwrite.
        var x = Node.Leaf(Tensor.Scalar(3.0));
        Add.Forward(Negate.Forward(x), Negate.Forward(x)).Backward();
        Assert.That(x.Grad!.Item(), Is.EqualTo(2 * (-1.0)).Within(1e-12), "negate used twice at x = 3.0");
    }
}
