using MiniDL.Autograd;
using MiniDL.Autograd.Nodes;
using MiniDL.Tests.TestSupport;

namespace MiniDL.Tests.Autograd.Nodes;

[TestFixture]
public class AddConstantTests
{
    [TestCaseSource(typeof(TestBackends), nameof(TestBackends.Float64))]
    public void Backward_RandomShapes_MatchesCentralDifferences(string backendName)
    {
        var backend = TestBackends.Get(backendName);
        NodeGradients.Check("add_constant", backend, NodeGradients.One(Generators.Value(-2, 2)), v => AddConstant.Forward(v[0], 1.0));
    }

    [Test]
    public void Forward_KnownValues_MatchesFormula()
    {
        double[] xs = [-1.5, 0, 2];
        var x = Node.Leaf(Tensor.FromArray(xs, 1, 3));
        var y = AddConstant.Forward(x, 1.0);
        Func<double, double> f = x => 1.0 + x;
        Assert.That(y.Value.ToArray(), Is.EqualTo(xs.Select(f).ToArray()).Within(1e-12), $"add_constant forward at [{string.Join(", ", xs)}]");
        Assert.That(y.Op, Is.EqualTo("add_constant"));
    }

    [Test]
    public void Backward_ScalarInput_GivesTheDerivative()
    {
        // lecture 7: c + x → 1.
        var x = Node.Leaf(Tensor.Scalar(0.5));
        AddConstant.Forward(x, 1.0).Backward();
        Assert.That(x.Grad!.Item(), Is.EqualTo(1.0).Within(1e-12), "add_constant derivative at x = 0.5");
    }

    [Test]
    public void Backward_UsedTwice_AccumulatesBothGradients()
    {
        // Two uses of the same node: the gradients add (lecture 7's copy rule), they do not overwrite.
        var x = Node.Leaf(Tensor.Scalar(0.5));
        Add.Forward(AddConstant.Forward(x, 1.0), AddConstant.Forward(x, 1.0)).Backward();
        Assert.That(x.Grad!.Item(), Is.EqualTo(2 * (1.0)).Within(1e-12), "add_constant used twice at x = 0.5");
    }
}
