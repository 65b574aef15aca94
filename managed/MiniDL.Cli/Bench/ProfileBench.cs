using System.Diagnostics;
using System.Text;
using System.Text.Json;
using MiniDL.Native;

namespace MiniDL.Cli.Bench;

/// <summary>One part of an epoch's time.</summary>
/// <param name="Name">The kernel family (<see cref="KernelFamily"/>) or "managed" (everything outside the native calls).</param>
/// <param name="Seconds">Seconds per epoch.</param>
/// <param name="Calls">Native calls per epoch (0 for "managed").</param>
public sealed record ProfilePart(string Name, double Seconds, long Calls);

/// <summary>Where one backend's Fashion-MNIST epoch spends its time, and how close it is to its GEMM roofline.</summary>
/// <param name="Backend">The backend and precision, e.g. "cpu-f32".</param>
/// <param name="EpochSeconds">The epoch's wall time (the median of the timed epochs).</param>
/// <param name="Parts">That epoch's time per kernel family, then "managed".</param>
/// <param name="TrainPassSeconds">One evaluation pass over the training set (what <see cref="TrainAccuracySource.EvaluationPass"/> adds to an epoch).</param>
/// <param name="TestPassSeconds">One evaluation pass over the test set.</param>
/// <param name="RooflineSeconds">The epoch's matrix products alone: same shapes, same order, nothing else (the median of one run after each timed epoch).</param>
/// <param name="RooflineCalls">How many products that is.</param>
/// <param name="RooflineGflop">Their work in GFLOP (2·m·n·k each).</param>
/// <param name="RooflineFraction">
/// GEMM-only time over the epoch's time (1: the epoch does nothing but its products): the median over the timed
/// epochs of each one's ratio to the products run right after it, so that a machine whose speed drifts between
/// epochs compares each epoch with products run at the same speed.
/// </param>
public sealed record EpochProfile(
    string Backend, double EpochSeconds, ProfilePart[] Parts, double TrainPassSeconds, double TestPassSeconds,
    double RooflineSeconds, long RooflineCalls, double RooflineGflop, double RooflineFraction)
{
    /// <summary>The ratio of the medians, <see cref="RooflineSeconds"/> / <see cref="EpochSeconds"/> (drift between epochs moves it).</summary>
    public double RooflineFractionOfMedians => RooflineSeconds / EpochSeconds;
}

/// <summary>
/// <c>minidl bench --profile</c>: the benchmark's epoch (<see cref="TrainingBench"/>) with the native library's
/// per-family timers on (<c>mdl_profile</c>), the evaluation passes, and the epoch's GEMM roofline: the same products
/// run back to back with nothing between them, in the same run.
/// </summary>
public static class ProfileBench
{
    /// <summary>
    /// Profiles <paramref name="epochs"/> epochs after one warm-up epoch. After each epoch, the epoch's products run
    /// alone once (<see cref="GemmRoofline"/>), so that epochs and roofline see the same machine load.
    /// </summary>
    public static EpochProfile Run(NativeBackend backend, string label, Dataset train, Dataset test, int epochs)
    {
        var trainer = TrainingBench.CreateTrainer(backend, 1 + epochs);
        using var roofline = new GemmRoofline(backend, train.Count);
        var timed = new List<(double Wall, ProfilePart[] Parts)>();
        var gemmOnly = new List<double>();
        trainer.OnEpoch = report =>
        {
            if (report.Epoch > 1)
            {
                timed.Add((report.Seconds, Parts(backend, report.Seconds)));
            }

            backend.Profile(false);
            double seconds = roofline.TimeEpoch();
            if (report.Epoch > 1)
            {
                gemmOnly.Add(seconds);                   // after the warm-up epoch's, which warms up the roofline too
            }

            backend.Profile(true);                       // restarts the counters for the next epoch
        };
        backend.Profile(true);
        try
        {
            trainer.Fit(train);
        }
        finally
        {
            backend.Profile(false);
        }

        var (wall, parts) = timed.OrderBy(e => e.Wall).ElementAt(timed.Count / 2);
        double fraction = timed.Select((e, i) => gemmOnly[i] / e.Wall).Order().ElementAt(timed.Count / 2);
        double trainPass = Seconds(() => trainer.Evaluate(train));
        double testPass = Seconds(() => trainer.Evaluate(test));
        return new EpochProfile(label, wall, parts, trainPass, testPass, gemmOnly.Order().ElementAt(gemmOnly.Count / 2), roofline.Calls, roofline.Gflop, fraction);
    }

    private static ProfilePart[] Parts(NativeBackend backend, double wall)
    {
        var parts = Enum.GetValues<KernelFamily>().Select(f =>
        {
            var (seconds, calls) = backend.ProfileOf(f);
            return new ProfilePart(f.ToString().ToLowerInvariant(), seconds, calls);
        }).ToList();
        parts.Add(new ProfilePart("managed", Math.Max(0, wall - parts.Sum(p => p.Seconds)), 0));
        return [.. parts];
    }

    private static double Seconds(Action action)
    {
        long t0 = Stopwatch.GetTimestamp();
        action();
        return Stopwatch.GetElapsedTime(t0).TotalSeconds;
    }

    /// <summary>Writes the profiles as a JSON array property "profiles".</summary>
    public static void WriteJson(Utf8JsonWriter w, IEnumerable<EpochProfile> profiles)
    {
        w.WriteStartArray("profiles");
        foreach (var p in profiles)
        {
            w.WriteStartObject();
            w.WriteString("backend", p.Backend);
            w.WriteNumber("epochSeconds", Math.Round(p.EpochSeconds, 4));
            w.WriteStartArray("parts");
            foreach (var part in p.Parts)
            {
                w.WriteStartObject();
                w.WriteString("name", part.Name);
                w.WriteNumber("seconds", Math.Round(part.Seconds, 4));
                w.WriteNumber("calls", part.Calls);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteNumber("trainPassSeconds", Math.Round(p.TrainPassSeconds, 4));
            w.WriteNumber("testPassSeconds", Math.Round(p.TestPassSeconds, 4));
            w.WriteNumber("rooflineSeconds", Math.Round(p.RooflineSeconds, 4));
            w.WriteNumber("rooflineGemmCalls", p.RooflineCalls);
            w.WriteNumber("rooflineGflop", Math.Round(p.RooflineGflop, 3));
            w.WriteNumber("rooflineFraction", Math.Round(p.RooflineFraction, 3));
            w.WriteNumber("rooflineFractionOfMedians", Math.Round(p.RooflineFractionOfMedians, 3));
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    /// <summary>The profiles as Markdown tables.</summary>
    public static string ToMarkdown(IEnumerable<EpochProfile> profiles)
    {
        static string F(double v, string format) => v.ToString(format, CultureInfo.InvariantCulture);
        var sb = new StringBuilder();
        foreach (var p in profiles)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"Fashion-MNIST epoch on {p.Backend} (MLP {string.Join('-', TrainingBench.Widths)}, ReLU, Adam, batch {TrainingBench.BatchSize}), the median epoch:");
            sb.AppendLine();
            sb.AppendLine("| part | s/epoch | share | native calls |");
            sb.AppendLine("| --- | --- | --- | --- |");
            foreach (var part in p.Parts)
            {
                sb.AppendLine(CultureInfo.InvariantCulture, $"| {part.Name} | {F(part.Seconds, "F3")} | {F(100 * part.Seconds / p.EpochSeconds, "F1")}% | {part.Calls} |");
            }

            sb.AppendLine(CultureInfo.InvariantCulture, $"| **epoch** | **{F(p.EpochSeconds, "F3")}** | 100% | {p.Parts.Sum(x => x.Calls)} |");
            sb.AppendLine();
            sb.AppendLine(CultureInfo.InvariantCulture, $"Evaluation passes (not in the epoch): training set {F(p.TrainPassSeconds, "F3")} s (what the default training accuracy, TrainAccuracySource.EvaluationPass, adds per epoch), test set {F(p.TestPassSeconds, "F3")} s.");
            long gemmCalls = p.Parts.FirstOrDefault(x => x.Name == "gemm")?.Calls ?? 0;
            sb.AppendLine(CultureInfo.InvariantCulture, $"GEMM roofline: the epoch's {p.RooflineCalls} products ({F(p.RooflineGflop, "F1")} GFLOP; the profiled epoch made {gemmCalls}) alone take {F(p.RooflineSeconds, "F3")} s ({F(p.RooflineGflop / p.RooflineSeconds, "F0")} GFLOP/s): the epoch is at {F(100 * p.RooflineFraction, "F0")}% of its GEMM roofline (the median of each epoch against the products run right after it; median against median: {F(100 * p.RooflineFractionOfMedians, "F0")}%).");
            sb.AppendLine();
        }

        return sb.ToString();
    }
}

/// <summary>
/// The products of one epoch of the MLP <see cref="TrainingBench.Widths"/> in batches of
/// <see cref="TrainingBench.BatchSize"/>, as MatMul's forward and backward call them (Z = X W; dW += Xᵀ dZ;
/// dX += dZ Wᵀ, except for the data input, which needs no gradient), on buffers of the same shapes, with nothing else.
/// </summary>
public sealed class GemmRoofline : IDisposable
{
    private readonly IBackend _backend;
    private readonly int _samples;
    private readonly int[] _widths = TrainingBench.Widths;
    private readonly int _batch = TrainingBench.BatchSize;
    private readonly List<Storage> _buffers = [];
    private readonly Storage[] _weights, _weightGrads;
    private readonly Dictionary<int, (Storage[] Inputs, Storage[] Outputs, Storage[] InputGrads)> _perRows = [];
    private readonly Random _rng = new(5);

    /// <summary>Allocates the buffers of an epoch over <paramref name="samples"/> samples on <paramref name="backend"/>.</summary>
    public GemmRoofline(IBackend backend, int samples)
    {
        _backend = backend;
        _samples = samples;
        int layers = _widths.Length - 1;
        _weights = [.. Enumerable.Range(0, layers).Select(l => New((long)_widths[l] * _widths[l + 1]))];
        _weightGrads = [.. Enumerable.Range(0, layers).Select(l => New((long)_widths[l] * _widths[l + 1]))];
        for (int start = 0; start < samples; start += _batch)
        {
            int rows = Math.Min(_batch, samples - start);                            // full batches, then the rest
            if (!_perRows.ContainsKey(rows))
            {
                _perRows[rows] = (
                    [.. _widths[..^1].Select(d => New((long)rows * d))],                 // X, then each hidden output
                    [.. _widths[1..].Select(m => New((long)rows * m))],
                    [.. _widths[..^1].Select(d => New((long)rows * d))]);
            }

            for (int l = 0; l < layers; l++)
            {
                int products = l > 0 ? 3 : 2;
                Calls += products;
                Gflop += products * 2.0 * rows * _widths[l] * _widths[l + 1] / 1e9;
            }
        }
    }

    /// <summary>Products per epoch.</summary>
    public long Calls { get; }

    /// <summary>Their work per epoch in GFLOP (2·m·n·k each).</summary>
    public double Gflop { get; }

    /// <summary>Runs one epoch's products and returns its seconds (the device synchronized at the end).</summary>
    public double TimeEpoch()
    {
        long t0 = Stopwatch.GetTimestamp();
        for (int start = 0; start < _samples; start += _batch)
        {
            Step(Math.Min(_batch, _samples - start));
        }

        _backend.Synchronize();
        return Stopwatch.GetElapsedTime(t0).TotalSeconds;
    }

    /// <inheritdoc/>
    public void Dispose() => _buffers.ForEach(b => b.Dispose());

    private void Step(int rows)
    {
        var (inputs, outputs, inputGrads) = _perRows[rows];
        int layers = _widths.Length - 1;
        for (int l = 0; l < layers; l++)
        {
            _backend.Gemm(false, false, rows, _widths[l + 1], _widths[l], 1.0, inputs[l], _weights[l], 0.0, outputs[l]);
        }

        for (int l = layers - 1; l >= 0; l--)
        {
            _backend.Gemm(true, false, _widths[l], _widths[l + 1], rows, 1.0, inputs[l], outputs[l], 1.0, _weightGrads[l]);
            if (l > 0)
            {
                _backend.Gemm(false, true, rows, _widths[l], _widths[l + 1], 1.0, outputs[l], _weights[l], 1.0, inputGrads[l]);
            }
        }
    }

    private Storage New(long n)
    {
        var s = KernelBench.Filled(_backend, n, _rng);
        _buffers.Add(s);
        return s;
    }
}
