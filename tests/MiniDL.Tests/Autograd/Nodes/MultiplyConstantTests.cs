using MiniDL.Autograd;
using MiniDL.Autograd.Nodes;
using MiniDL.Tests.TestSupport;

namespace MiniDL.Tests.Autograd.Nodes;

[TestFixture]
public class MultiplyConstantTests
{
    [TestCaseSource(typeof(TestBackends), nameof(TestBackends.Float64))]
    public void Backward_RandomShapes_MatchesCentralDifferences(string backendName)
    {
        var backend = TestBackends.Get(backendName);
        NodeGradients.Check("multiply_constant", backend, NodeGradients.One(Generators.Value(-2, 2)), v => MultiplyConstant.Forward(v[0], -2.5));
    }

    [Test]
    public void Forward_KnownValues_MatchesFormula()
    {
        double[] xs = [-1.5, 0, 2];
        var x = Node.Leaf(Tensor.FromArray(xs, 1, 3));
        var y = MultiplyConstant.Forward(x, -2.5);
        Func<double, double> f = x => -2.5 * x;
        Assert.That(y.Value.ToArray(), Is.EqualTo(xs.Select(f).ToArray()).Within(1e-12), $"multiply_constant forward at [{string.Join(", ", xs)}]");
        Assert.That(y.Op, Is.EqualTo("multiply_constant"));
    }

    [Test]
    public void Backward_ScalarInput_GivesTheDerivative()
    {
        // lecture 7: a·x → a.
        var x = Node.Leaf(Tensor.Scalar(0.7));
        MultiplyConstant.Forward(x, -2.5).Backward();
        Assert.That(x.Grad!.Item(), Is.EqualTo(-2.5).Within(1e-12), "multiply_constant derivative at x = 0.7");
    }

    [Test]
    public void Backward_UsedTwice_AccumulatesBothGradients()
    {
        // Two uses of the same node: the gradients add (lecture 7's copy rule), they do not overwrite.
        var x = Node.Leaf(Tensor.Scalar(0.7));
        Add.Forward(MultiplyConstant.Forward(x, -2.5), MultiplyConstant.Forward(x, -2.5)).Backward();
        Assert.That(x.Grad!.Item(), Is.EqualTo(2 * (-2.5)).Within(1e-12), "multiply_constant used twice at x = 0.7");
    }
}
