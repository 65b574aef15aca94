namespace MiniDL.Tests.Autograd;

/// <summary>
/// Softmax, log-softmax and the fused softmax cross-entropy at logits of ±1000 on every backend and precision,
/// for rows of at most 16 columns and of more (the native kernels have a path for each). e^{±1000} overflows or
/// underflows in both precisions, so only a kernel that subtracts the row maximum first gets these values.
/// </summary>
/// <remarks>
/// Both rows, A = [1000, 999, −1000, …] and B = [−1000, −1001, −3000, …], give the same exact values: with
/// <c>L = ln(1 + e⁻¹)</c>, <c>p = [1/(1 + e⁻¹), e⁻¹/(1 + e⁻¹), 0, …]</c> (e⁻²⁰⁰⁰ is 0 in float64) and
/// <c>log p = [−L, −1 − L, −2000 − L, …]</c>.
/// </remarks>
public class SoftmaxLargeLogitsTests
{
    private static readonly double L = Math.Log(1 + Math.Exp(-1));

    private static IEnumerable<TestCaseData> BackendsAndWidths()
        => from backend in TestBackends.All
           from columns in new[] { 3, 16, 17, 40 }
           select new TestCaseData(backend, columns);

    [TestCaseSource(nameof(BackendsAndWidths))]
    public void Softmax_LogitsOfThousand_GivesExactProbabilitiesAndGradient(string backendName, int columns)
    {
        var (backend, x, y, upstream, p) = Backpropagate(backendName, columns, Softmax.Forward);
        // ∇X = P ⊙ (∇Y − Σⱼ Pⱼ ∇Yⱼ) in each row.
        double dot = p.Zip(upstream, (a, b) => a * b).Take(columns).Sum();
        var expected = p.Select((v, k) => v * (upstream[k] - dot)).ToArray();
        AssertClose(backend, y.Value.ToArray(), p, "softmax");
        AssertClose(backend, x.Grad!.ToArray(), expected, "softmax backward");
    }

    [TestCaseSource(nameof(BackendsAndWidths))]
    public void LogSoftmax_LogitsOfThousand_GivesExactLogProbabilitiesAndGradient(string backendName, int columns)
    {
        var (backend, x, y, upstream, p) = Backpropagate(backendName, columns, LogSoftmax.Forward);
        var logP = Enumerable.Range(0, 2 * columns).Select(k => (k % columns) switch { 0 => -L, 1 => -1 - L, _ => -2000 - L }).ToArray();
        // ∇X = ∇Y − P Σⱼ ∇Yⱼ in each row.
        double total = upstream.Take(columns).Sum();
        var expected = p.Select((v, k) => upstream[k] - (v * total)).ToArray();
        AssertClose(backend, y.Value.ToArray(), logP, "log_softmax");
        AssertClose(backend, x.Grad!.ToArray(), expected, "log_softmax backward");
    }

    [TestCaseSource(nameof(BackendsAndWidths))]
    public void SoftmaxCrossEntropy_LogitsOfThousand_GivesExactLossAndGradient(string backendName, int columns)
    {
        // Row A's target is column 1 (loss 1 + L), row B's column 0 (loss L): mean (1 + 2L)/2, ∇Z = (P − T)/2.
        var (backend, z) = Logits(backendName, columns);
        var t = new double[2 * columns];
        t[1] = 1;
        t[columns] = 1;
        var loss = SoftmaxCrossEntropy.Forward(z, Node.Constant(Tensor.FromArray(t, 2, columns, backend)));
        loss.Backward();
        var expected = Probabilities(columns).Zip(t, (p, target) => (p - target) / 2).ToArray();
        AssertClose(backend, [loss.Value.Item()], [(1 + (2 * L)) / 2], "softmax_cross_entropy");
        AssertClose(backend, z.Grad!.ToArray(), expected, "softmax_cross_entropy backward");
    }

    /// <summary>Rows A and B (see the remarks) as a leaf on the backend.</summary>
    private static (IBackend Backend, Node X) Logits(string backendName, int columns)
    {
        var backend = TestBackends.Get(backendName);
        var values = Enumerable.Range(0, 2 * columns)
            .Select(k => (k / columns, k % columns) switch
            {
                (0, 0) => 1000.0,
                (0, 1) => 999.0,
                (0, _) => -1000.0,
                (_, 0) => -1000.0,
                (_, 1) => -1001.0,
                _ => -3000.0,
            })
            .ToArray();
        return (backend, Node.Leaf(Tensor.FromArray(values, 2, columns, backend)));
    }

    /// <summary>Y = f(X) at rows A and B, backpropagated from <see cref="Upstream"/>; also the exact probabilities.</summary>
    private static (IBackend Backend, Node X, Node Y, double[] Upstream, double[] P) Backpropagate(string backendName, int columns, Func<Node, Node> f)
    {
        var (backend, x) = Logits(backendName, columns);
        var y = f(x);
        var upstream = Upstream(columns);
        y.Backward(Tensor.FromArray(upstream, 2, columns, backend));
        return (backend, x, y, upstream, Probabilities(columns));
    }

    private static double[] Probabilities(int columns)
        => Enumerable.Range(0, 2 * columns).Select(k => (k % columns) switch { 0 => 1 / (1 + Math.Exp(-1)), 1 => Math.Exp(-1) / (1 + Math.Exp(-1)), _ => 0.0 }).ToArray();

    /// <summary>The same upstream gradient in both rows: 1, −1, then 0.5, −0.25, 0.5, −0.25, …</summary>
    private static double[] Upstream(int columns)
        => Enumerable.Range(0, 2 * columns).Select(k => (k % columns) switch { 0 => 1.0, 1 => -1.0, var j => j % 2 == 0 ? 0.5 : -0.25 }).ToArray();

    private static void AssertClose(IBackend backend, double[] actual, double[] expected, string what)
    {
        // The kernels compute log p as (x − m) − ln s, exact up to the rounding of ln s and of the result: no term for the
        // inputs' scale (x − (m + ln s) would lose up to half of float32's spacing at 1000, 3e-5).
        (double relative, double scale) = backend.DType == DType.Float32 ? (1e-6, 0.0) : (1e-13, 0.0);
        Assert.That(actual, Has.All.Matches<double>(double.IsFinite), $"{what} on {backend.Name}: finite");
        for (int k = 0; k < expected.Length; k++)
        {
            Assert.That(actual[k], Is.EqualTo(expected[k]).Within((relative * (1 + Math.Abs(expected[k]))) + scale), $"{what} on {backend.Name}, element {k}");
        }
    }
}
