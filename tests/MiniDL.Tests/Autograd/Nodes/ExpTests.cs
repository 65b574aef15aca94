using MiniDL.Autograd;
using MiniDL.Autograd.Nodes;
using MiniDL.Tests.TestSupport;

namespace MiniDL.Tests.Autograd.Nodes;

[TestFixture]
public class ExpTests
{
    [TestCaseSource(typeof(TestBackends), nameof(TestBackends.Float64))]
    public void Backward_RandomShapes_MatchesCentralDifferences(string backendName)
    {
        var backend = TestBackends.Get(backendName);
        NodeGradients.Check("exp", backend, NodeGradients.One(Generators.Value(-2, 2)), v => Exp.Forward(v[0]));
    }

    [Test]
    public void Forward_KnownValues_MatchesFormula()
    {
        double[] xs = [-1.5, 0, 2];
        var x = Node.Leaf(Tensor.FromArray(xs, 1, 3));
        var y = Exp.Forward(x);
        Func<double, double> f = Math.Exp;
        Assert.That(y.Value.ToArray(), Is.EqualTo(xs.Select(f).ToArray()).Within(1e-12), $"exp forward at [{string.Join(", ", xs)}]");
        Assert.That(y.Op, Is.EqualTo("exp"));
    }

    [Test]
    public void Backward_ScalarInput_GivesTheDerivative()
    {
        // lecture 7: eˣ → eˣ.
        var x = Node.Leaf(Tensor.Scalar(1.0));
        Exp.Forward(x).Backward();
        Assert.That(x.Grad!.Item(), Is.EqualTo(Math.E).Within(1e-12), "exp derivative at x = 1.0");
    }

    [Test]
    public void Backward_UsedTwice_AccumulatesBothGradients()
    {
        // Two uses of the same node: the gradients add (lecture 7's copy rule), they do not overwrite.
        var x = Node.Leaf(Tensor.Scalar(1.0));
        Add.Forward(Exp.Forward(x), Exp.Forward(x)).Backward();
        Assert.That(x.Grad!.Item(), Is.EqualTo(2 * (Math.E)).Within(1e-12), "exp used twice at x = 1.0");
    }
}
