using MiniDL.Autograd;
using MiniDL.Autograd.Nodes;
using MiniDL.Tests.TestSupport;

namespace MiniDL.Tests.Autograd.Nodes;

[TestFixture]
public class LogTests
{
    [TestCaseSource(typeof(TestBackends), nameof(TestBackends.Float64))]
    public void Backward_RandomShapes_MatchesCentralDifferences(string backendName)
    {
        var backend = TestBackends.Get(backendName);
        NodeGradients.Check("log", backend, NodeGradients.One(Generators.Value(0.2, 3)), v => Log.Forward(v[0]));
    }

    [Test]
    public void Forward_KnownValues_MatchesFormula()
    {
        double[] xs = [0.5, 1, 2.5];
        var x = Node.Leaf(Tensor.FromArray(xs, 1, 3));
        var y = Log.Forward(x);
        Func<double, double> f = Math.Log;
        Assert.That(y.Value.ToArray(), Is.EqualTo(xs.Select(f).ToArray()).Within(1e-12), $"log forward at [{string.Join(", ", xs)}]");
        Assert.That(y.Op, Is.EqualTo("log"));
    }

    [Test]
    public void Backward_ScalarInput_GivesTheDerivative()
    {
        // (ln x)′ = 1/x.
        var x = Node.Leaf(Tensor.Scalar(4.0));
        Log.Forward(x).Backward();
        Assert.That(x.Grad!.Item(), Is.EqualTo(0.25).Within(1e-12), "log derivative at x = 4.0");
    }

    [Test]
    public void Backward_UsedTwice_AccumulatesBothGradients()
    {
        // Two uses of the same node: the gradients add (lecture 7's copy rule), they do not overwrite.
        var x = Node.Leaf(Tensor.Scalar(4.0));
        Add.Forward(Log.Forward(x), Log.Forward(x)).Backward();
        Assert.That(x.Grad!.Item(), Is.EqualTo(2 * (0.25)).Within(1e-12), "log used twice at x = 4.0");
    }
}
