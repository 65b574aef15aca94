namespace MiniDL.Tests.Autograd.Activations;

public class LogSoftmaxTests
{
    [TestCaseSource(typeof(TestBackends), nameof(TestBackends.Float64))]
    public void Backward_RandomShapes_MatchesCentralDifferences(string backendName) => GraphCases.LogSoftmax.CheckGradients(backendName);

    [Test]
    public void Forward_ProbabilityThatUnderflows_StaysFinite()
    {
        // e^{-1000} underflows to 0, so log(softmax) would be −∞; log-softmax gives −2000 exactly.
        var y = LogSoftmax.Forward(Node.Leaf(Tensor.FromRows([[1000, -1000]]))).Value.ToArray();
        Assert.That(y, Is.EqualTo(new[] { 0, -2000.0 }).Within(1e-9));
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
}
