using FsCheck.Fluent;
using MiniDL.Autograd;
using MiniDL.Autograd.Activations;
using MiniDL.GradCheck;
using MiniDL.Tests.TestSupport;

namespace MiniDL.Tests.Autograd.Activations;

[TestFixture]
public class TanhTests
{
    [TestCaseSource(typeof(TestBackends), nameof(TestBackends.Float64))]
    public void Backward_RandomShapes_MatchesCentralDifferences(string backendName)
    {
        var backend = TestBackends.Get(backendName);
        Properties.Check("tanh gradient", Generators.AnyMatrix(Generators.Value(-3, 3)), x =>
        {
            var report = GradientChecker.Check("tanh", v => Tanh.Forward(v[0]), [x.ToTensor(backend)]);
            Assert.That(report.Passed, Is.True, $"{report} at X={x}");
        });
    }

    [Test]
    public void Forward_KnownInputs_MatchesTanh()
    {
        var y = Tanh.Forward(Node.Leaf(Tensor.FromRows([[0, 0.5], [-1, 3]]))).Value.ToArray();
        Assert.That(y, Is.EqualTo(new[] { 0, Math.Tanh(0.5), Math.Tanh(-1), Math.Tanh(3) }).Within(1e-15));
    }

    [Test]
    public void Backward_KnownInputs_IsOneMinusYSquaredTimesUpstream()
    {
        var x = Node.Leaf(Tensor.FromRows([[0, 0.5]]));
        var y = Tanh.Forward(x);
        y.Backward(Tensor.FromRows([[2, 3]]));
        double t = Math.Tanh(0.5);
        Assert.That(x.Grad!.ToArray(), Is.EqualTo(new[] { 2.0, 3 * (1 - t * t) }).Within(1e-15));
    }
}
