using MiniDL.Backends;

namespace MiniDL.Tests.Native;

/// <summary>
/// Every element-wise and softmax-family kernel at extreme inputs, float32 and float64, on every native backend
/// (CUDA cases are ignored where there is no GPU), against <see cref="ReferenceBackend"/> in float64. The inputs are
/// modelled on PyTorch's OpInfo extremal lists: 0 and −0, values within 1e-8 of each kink (ReLU, Leaky ReLU, ELU and
/// abs at 0), tiny (1e-30, 1e-40: subnormal in float32), huge (1e30, 1e4 for the softmax family), ±∞ and NaN.
/// </summary>
/// <remarks>
/// Bound per element: <c>|native − ref| ≤ atol + rtol·|ref|</c>, where ref is the reference result rounded to the
/// backend's precision (so a float32 overflow to ∞ or underflow to 0 is expected, not an error):
/// <list type="bullet">
/// <item>element-wise: rtol 1e-5 (float32: a few ulp of exp, tanh, sigmoid, pow) or 1e-12 (float64); atol the smallest
/// normal number (the native e^x returns 0 where the true result is subnormal); for ELU's slope from y, <c>y + α</c>,
/// also 4 ulp of α (the formula cancels where eˣ is small), for tanh's and sigmoid's slopes from y 4 ulp (1 − y² and
/// 1 − y cancel as |y| → 1);</item>
/// <item>softmax family: rtol 8 ulp, atol 8 ulp·(1 + ln cols): log-probabilities are computed as (x − m) − log s, whose
/// only roundings are log s (at most ln cols) and the last subtraction; x − (m + log s) would be off by half an ulp of
/// |x| (5e-4 at 1e4 in float32).</item>
/// </list>
/// </remarks>
public class NativeExtremalValueTests
{
    private const double FloatMinNormal = 1.1754943508222875e-38;
    private const double DoubleMinNormal = 2.2250738585072014e-308;

    /// <summary>The extremal inputs of the element-wise kernels (both signs of each).</summary>
    private static readonly double[] Magnitudes =
    [
        0, 1e-40, 1e-30, 1e-20, 1e-8, 2.9e-8, 3e-8, 1e-7, 1e-4, 0.3, 0.7, 1, 2, 10, 20, 44, 87, 88, 88.7, 100, 1e4, 1e30,
        double.PositiveInfinity, double.NaN,
    ];

    private static double[] Inputs(UnaryOp op)
    {
        var all = Magnitudes.Concat(Magnitudes.Select(v => -v)).ToArray();
        return op is UnaryOp.Log or UnaryOp.Sqrt or UnaryOp.PowConstant or UnaryOp.Reciprocal
            ? all.Where(v => !(v <= 0)).ToArray() // the positive domain (and NaN)
            : all;
    }

    /// <summary>
    /// The backend, the op's parameter, its extremal inputs x and the reference's y = f(x), x and y rounded to the
    /// backend's precision.
    /// </summary>
    private static (IBackend Native, double P, double[] X, double[] Y) ExtremalCase(string backendName, UnaryOp op)
    {
        var native = TestBackends.Get(backendName);
        double p = Parameter(op);
        var x = Round(native, Inputs(op));
        return (native, p, x, x.Select(v => Round(native, ReferenceBackend.Apply(op, v, p))).ToArray());
    }

    private static double Parameter(UnaryOp op) => op switch
    {
        UnaryOp.AddConstant => 0.5,
        UnaryOp.MultiplyConstant => -3.0,
        UnaryOp.PowConstant => 2.5,
        UnaryOp.LeakyRelu => 0.1,
        UnaryOp.Elu => 0.5,
        _ => 0.0,
    };

    private static IEnumerable<TestCaseData> NativeAndUnaryOps
        => from backend in TestBackends.Native from op in Enum.GetValues<UnaryOp>() select new TestCaseData(backend, op);

    private static IEnumerable<TestCaseData> NativeAndBinaryOps
        => from backend in TestBackends.Native from op in Enum.GetValues<BinaryOp>() select new TestCaseData(backend, op);

    private static IEnumerable<TestCaseData> NativeAndWidths
        => from backend in TestBackends.Native from cols in new[] { 3, 10, 16, 17, 40, 1100 } select new TestCaseData(backend, cols);

    [TestCaseSource(nameof(NativeAndUnaryOps))]
    public void Map_ExtremalInputs_MatchesReference(string backendName, UnaryOp op)
    {
        var (native, p, x, expected) = ExtremalCase(backendName, op);
        AssertClose(native, Run(native, x, (b, s, y) => b.Map(op, s[0], y, p)), expected, ElementwiseTolerance(native), $"map {op}");
    }

    [TestCaseSource(nameof(NativeAndUnaryOps))]
    public void MapBackward_ExtremalInputs_MatchesReference(string backendName, UnaryOp op)
    {
        // y as the reference computes it, rounded, given to both: the check is on the backward's arithmetic alone.
        var (native, p, x, y) = ExtremalCase(backendName, op);
        var dy = x.Select((_, k) => k % 2 == 0 ? 1.0 : -0.75).ToArray();
        var expected = x.Select((v, k) => Round(native, dy[k] * ReferenceBackend.Derivative(op, v, y[k], p))).ToArray();
        var (atol, rtol) = ElementwiseTolerance(native);
        atol += op switch
        {
            UnaryOp.Elu => 4 * Ulp(native) * p, // y + α cancels where eˣ is small
            UnaryOp.Tanh or UnaryOp.Sigmoid => 4 * Ulp(native), // 1 − y² and 1 − y cancel as |y| → 1
            _ => 0,
        };

        var actual = Run(native, [x, y, dy], (b, s, dx) => b.MapBackward(op, s[0], s[1], s[2], dx, p));
        AssertClose(native, actual, expected, (atol, rtol), $"map_backward {op}");
    }

    /// <summary>
    /// ELU's slope from y alone, as the fused add-bias + activation calls the backward (y in place of z): for
    /// −3e-8 &lt; z &lt; 0 in float32, y = α(eᶻ − 1) without an expm1 rounds to 0 and the slope came out 1 instead of α.
    /// </summary>
    [TestCaseSource(nameof(NativeAndWidths))]
    public void AddBiasEluBackward_TinyNegativePreActivation_SlopeIsAlpha(string backendName, int cols)
    {
        var native = TestBackends.Get(backendName);
        const double alpha = 0.5;
        var z = Round(native, Enumerable.Range(0, cols).Select(j => -(1e-9 + (j % 7) * 4e-9)).ToArray());
        var zero = new double[cols];
        // y = ELU(z + 0), fused, on the native backend; then f' read from y (x := y).
        var y = Run(native, [z, zero], (b, s, o) => b.AddBias(UnaryOp.Elu, 1, cols, s[0], s[1], o, alpha));
        var ones = Enumerable.Repeat(1.0, cols).ToArray();
        var slope = Run(native, [y, y, ones], (b, s, dx) => b.MapBackward(UnaryOp.Elu, s[0], s[1], s[2], dx, alpha));
        var expected = z.Select(v => alpha * Math.Exp(v)).ToArray();
        AssertClose(native, y, z.Select(v => Round(native, ReferenceBackend.Apply(UnaryOp.Elu, v, alpha))).ToArray(), (0, 4 * Ulp(native)), "add_bias elu forward");
        AssertClose(native, slope, expected, (2 * Ulp(native) * alpha, 4 * Ulp(native)), "add_bias elu slope from y");
    }

    [TestCaseSource(nameof(NativeAndBinaryOps))]
    public void ZipAndZipBackward_ExtremalInputs_MatchReference(string backendName, BinaryOp op)
    {
        var native = TestBackends.Get(backendName);
        double[] values = [0, -0.0, 1e-30, -1e-30, 1e-20, 1e-8, -1e-8, 1, -3, 1e4, 1e30, -1e30, double.PositiveInfinity, double.NaN];
        var a = Round(native, (from u in values from v in values select u).ToArray());
        var b = Round(native, (from u in values from v in values select v).ToArray());
        var dc = a.Select((_, k) => k % 2 == 0 ? 1.0 : -0.5).ToArray();
        var tol = ElementwiseTolerance(native);
        var c = Run(native, [a, b], (be, s, o) => be.Zip(op, s[0], s[1], o));
        AssertClose(native, c, a.Select((v, k) => Round(native, ReferenceBackend.Apply(op, v, b[k]))).ToArray(), tol, $"zip {op}");
        var reference = ReferenceBackend.Instance;
        var da = Gradients(reference, native, op, a, b, dc, wantA: true);
        var db = Gradients(reference, native, op, a, b, dc, wantA: false);
        AssertClose(native, da.Native, da.Reference, tol, $"zip_backward {op} da");
        AssertClose(native, db.Native, db.Reference, tol, $"zip_backward {op} db");
    }

    [TestCaseSource(nameof(NativeAndWidths))]
    public void SoftmaxFamily_LogitsOfTenThousand_MatchesReferenceToAFewUlp(string backendName, int cols)
    {
        var native = TestBackends.Get(backendName);
        const int rows = 5;
        var rng = new Random(20261130 + cols);
        var x = Round(native, Enumerable.Range(0, rows * cols).Select(k => (k / cols) switch
        {
            0 => 1e4 + rng.NextDouble() * 16 - 8,
            1 => -1e4 + rng.NextDouble() * 16 - 8,
            2 => k % 2 == 0 ? 1e4 : 1e4 - 20 + (k % 9) * 0.25,
            3 => 1e3 + rng.NextDouble() * 6 - 3,
            _ => 12345.678 + 0.001 * (k % cols),
        }).ToArray());
        var t = new double[rows * cols];
        for (int i = 0; i < rows; i++)
        {
            t[(i * cols) + ((i * 7) + 3) % cols] = 1;
        }

        double ulp = Ulp(native);
        (double, double) tight = (8 * ulp * (1 + Math.Log(cols)), 8 * ulp);
        var reference = ReferenceBackend.Instance;
        var logP = Compare(reference, native, [x], rows * cols, (b, s, y) => b.LogSoftmax(rows, cols, s[0], y));
        AssertClose(native, logP.Native, Round(native, logP.Reference), tight, "log_softmax");
        var p = Compare(reference, native, [x], rows * cols, (b, s, y) => b.Softmax(rows, cols, s[0], y));
        AssertClose(native, p.Native, Round(native, p.Reference), (FloatMinNormal, 8 * ulp * (1 + Math.Log(cols))), "softmax");
        var loss = Compare(reference, native, [x, t], rows, (b, s, l) => b.SoftmaxCrossEntropy(rows, cols, s[0], s[1], null, l));
        AssertClose(native, loss.Native, Round(native, loss.Reference), tight, "softmax_cross_entropy loss (probs not kept)");
        var lossWithProbs = Compare(reference, native, [x, t], rows, (b, s, l) =>
        {
            using var probs = b.Allocate(rows * cols);
            b.SoftmaxCrossEntropy(rows, cols, s[0], s[1], probs, l);
        });
        AssertClose(native, lossWithProbs.Native, Round(native, lossWithProbs.Reference), tight, "softmax_cross_entropy loss (probs kept)");
    }

    private static double Ulp(IBackend b) => b.DType == DType.Float32 ? 1.1920928955078125e-7 : 2.220446049250313e-16;

    private static (double Atol, double Rtol) ElementwiseTolerance(IBackend b)
        => b.DType == DType.Float32 ? (FloatMinNormal, 1e-5) : (DoubleMinNormal, 1e-12);

    private static double Round(IBackend b, double v) => b.DType == DType.Float32 ? (float)v : v;

    private static double[] Round(IBackend b, double[] v) => v.Select(e => Round(b, e)).ToArray();

    /// <summary>Uploads the inputs to <paramref name="backend"/>, runs <paramref name="kernel"/> into a zeroed output of the first input's length, downloads it.</summary>
    private static double[] Run(IBackend backend, double[][] inputs, Action<IBackend, Storage[], Storage> kernel, int? outLength = null)
    {
        var storages = inputs.Select(v =>
        {
            var s = backend.Allocate(v.Length);
            backend.Upload(v, s);
            return s;
        }).ToArray();
        using var output = backend.Allocate(outLength ?? inputs[0].Length);
        backend.Fill(output, 0);
        kernel(backend, storages, output);
        var result = new double[output.Length];
        backend.Download(output, result);
        foreach (var s in storages)
        {
            s.Dispose();
        }

        return result;
    }

    private static double[] Run(IBackend backend, double[] input, Action<IBackend, Storage[], Storage> kernel)
        => Run(backend, [input], kernel);

    private static (double[] Reference, double[] Native) Compare(IBackend reference, IBackend native, double[][] inputs, int outLength,
                                                                 Action<IBackend, Storage[], Storage> kernel)
        => (Run(reference, inputs, kernel, outLength), Run(native, inputs, kernel, outLength));

    private static (double[] Reference, double[] Native) Gradients(IBackend reference, IBackend native, BinaryOp op, double[] a, double[] b,
                                                                   double[] dc, bool wantA)
    {
        Action<IBackend, Storage[], Storage> kernel = (be, s, g) =>
            be.ZipBackward(op, s[0], s[1], s[2], wantA ? g : null, wantA ? null : g);
        var (r, n) = Compare(reference, native, [a, b, dc], a.Length, kernel);
        return (Round(native, r), n);
    }

    private static void AssertClose(IBackend backend, double[] actual, double[] expected, (double Atol, double Rtol) tol, string what)
    {
        Assert.That(actual, Has.Length.EqualTo(expected.Length), what);
        for (int k = 0; k < expected.Length; k++)
        {
            double e = expected[k], a = actual[k];
            bool ok = double.IsNaN(e) ? double.IsNaN(a)
                : double.IsInfinity(e) ? a == e
                : Math.Abs(a - e) <= tol.Atol + (tol.Rtol * Math.Abs(e));
            if (!ok)
            {
                Assert.Fail($"{what} on {backend.Name}, element {k}: native {a:R}, reference {e:R}, difference {Math.Abs(a - e):G3}"
                    + $" > {tol.Atol:G3} + {tol.Rtol:G3}·|reference|.");
            }
        }
    }
}
