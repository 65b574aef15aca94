using FsCheck.Fluent;
using MiniDL.Autograd;
using MiniDL.Autograd.Activations;
using MiniDL.Backends;
using MiniDL.GradCheck;
using MiniDL.Tests.TestSupport;

namespace MiniDL.Tests.Autograd.Activations;

[TestFixture]
public class LogSoftmaxTests
{
    [TestCaseSource(typeof(TestBackends), nameof(TestBackends.Float64))]
    public void Backward_RandomShapes_MatchesCentralDifferences(string backendName)
    {
        var backend = TestBackends.Get(backendName);
        Properties.Check("log_softmax gradient", Generators.AnyMatrix(Generators.Value(-3, 3)), x =>
        {
            var report = GradientChecker.Check("log_softmax", v => LogSoftmax.Forward(v[0]), [x.ToTensor(backend)]);
            Assert.That(report.Passed, Is.True, $"{report} at X={x}");
        });
    }

    [Test]
    public void Forward_RandomScores_EqualsLogOfSoftmax()
    {
        Properties.Check("log_softmax = log softmax", Generators.AnyMatrix(Generators.Value(-10, 10)), x =>
        {
            var backend = ReferenceBackend.Instance;
            var logP = LogSoftmax.Forward(Node.Leaf(x.ToTensor(backend))).Value.ToArray();
            var p = Softmax.Forward(Node.Leaf(x.ToTensor(backend))).Value.ToArray();
            Assert.That(logP, Is.EqualTo(p.Select(v => Math.Log(v)).ToArray()).Within(1e-10), $"log_softmax {x.Rows}x{x.Columns} at X={x}");
        });
    }

    [Test]
    public void Forward_ProbabilityThatUnderflows_StaysFinite()
    {
        // e^{-1000} underflows to 0, so log(softmax) would be −∞; log-softmax gives −2000 exactly.
        var y = LogSoftmax.Forward(Node.Leaf(Tensor.FromRows([[1000, -1000]]))).Value.ToArray();
        Assert.That(y, Is.EqualTo(new[] { 0, -2000.0 }).Within(1e-9));
    }
}
