using MiniDL.Autograd;
using MiniDL.Autograd.Nodes;
using MiniDL.Tests.TestSupport;

namespace MiniDL.Tests.Autograd.Nodes;

[TestFixture]
public class ReciprocalTests
{
    [TestCaseSource(typeof(TestBackends), nameof(TestBackends.Float64))]
    public void Backward_RandomShapes_MatchesCentralDifferences(string backendName)
    {
        var backend = TestBackends.Get(backendName);
        NodeGradients.Check("reciprocal", backend, NodeGradients.One(Generators.AwayFromZero(-3, 3, 0.5)), v => Reciprocal.Forward(v[0]));
    }

    [Test]
    public void Forward_KnownValues_MatchesFormula()
    {
        double[] xs = [-1.5, 0.5, 2];
        var x = Node.Leaf(Tensor.FromArray(xs, 1, 3));
        var y = Reciprocal.Forward(x);
        Func<double, double> f = x => 1.0 / x;
        Assert.That(y.Value.ToArray(), Is.EqualTo(xs.Select(f).ToArray()).Within(1e-12), $"reciprocal forward at [{string.Join(", ", xs)}]");
        Assert.That(y.Op, Is.EqualTo("reciprocal"));
    }

    [Test]
    public void Backward_ScalarInput_GivesTheDerivative()
    {
        // lecture 7: 1/x → −1/x², at x = 2: −1/4.
        var x = Node.Leaf(Tensor.Scalar(2.0));
        Reciprocal.Forward(x).Backward();
        Assert.That(x.Grad!.Item(), Is.EqualTo(-0.25).Within(1e-12), "reciprocal derivative at x = 2.0");
    }

    [Test]
    public void Backward_UsedTwice_AccumulatesBothGradients()
    {
        // Two uses of the same node: the gradients add (lecture 7's copy rule), they do not overwrite.
        var x = Node.Leaf(Tensor.Scalar(2.0));
        Add.Forward(Reciprocal.Forward(x), Reciprocal.Forward(x)).Backward();
        Assert.That(x.Grad!.Item(), Is.EqualTo(2 * (-0.25)).Within(1e-12), "reciprocal used twice at x = 2.0");
    }
}
