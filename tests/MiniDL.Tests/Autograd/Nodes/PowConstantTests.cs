using MiniDL.Autograd;
using MiniDL.Autograd.Nodes;
using MiniDL.Tests.TestSupport;

namespace MiniDL.Tests.Autograd.Nodes;

[TestFixture]
public class PowConstantTests
{
    [TestCaseSource(typeof(TestBackends), nameof(TestBackends.Float64))]
    public void Backward_RandomShapes_MatchesCentralDifferences(string backendName)
    {
        var backend = TestBackends.Get(backendName);
        NodeGradients.Check("pow_constant", backend, NodeGradients.One(Generators.Value(0.2, 3)), v => PowConstant.Forward(v[0], 2.5));
    }

    [Test]
    public void Forward_KnownValues_MatchesFormula()
    {
        double[] xs = [0.25, 1, 2.5];
        var x = Node.Leaf(Tensor.FromArray(xs, 1, 3));
        var y = PowConstant.Forward(x, 2.5);
        Func<double, double> f = x => Math.Pow(x, 2.5);
        Assert.That(y.Value.ToArray(), Is.EqualTo(xs.Select(f).ToArray()).Within(1e-12), $"pow_constant forward at [{string.Join(", ", xs)}]");
        Assert.That(y.Op, Is.EqualTo("pow_constant"));
    }

    [Test]
    public void Backward_ScalarInput_GivesTheDerivative()
    {
        // (x^p)′ = p x^{p−1}, at x = 4, p = 2.5: 2.5·4^1.5 = 20.
        var x = Node.Leaf(Tensor.Scalar(4.0));
        PowConstant.Forward(x, 2.5).Backward();
        Assert.That(x.Grad!.Item(), Is.EqualTo(2.5 * 8.0).Within(1e-12), "pow_constant derivative at x = 4.0");
    }

    [Test]
    public void Backward_UsedTwice_AccumulatesBothGradients()
    {
        // Two uses of the same node: the gradients add (lecture 7's copy rule), they do not overwrite.
        var x = Node.Leaf(Tensor.Scalar(4.0));
        Add.Forward(PowConstant.Forward(x, 2.5), PowConstant.Forward(x, 2.5)).Backward();
        Assert.That(x.Grad!.Item(), Is.EqualTo(2 * (2.5 * 8.0)).Within(1e-12), "pow_constant used twice at x = 4.0");
    }
}
