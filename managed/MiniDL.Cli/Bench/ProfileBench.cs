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
/// <param name="RooflineSeconds">The epoch's matrix products alone: same shapes, same order, nothing else (median of the repetitions).</param>
/// <param name="RooflineCalls">How many products that is.</param>
/// <param name="RooflineGflop">Their work in GFLOP (2·m·n·k each).</param>
public sealed record EpochProfile(
    string Backend, double EpochSeconds, ProfilePart[] Parts, double TrainPassSeconds, double TestPassSeconds,
    double RooflineSeconds, long RooflineCalls, double RooflineGflop)
{
    /// <summary>GEMM-only time over the epoch's time: 1 means the epoch does nothing but its products.</summary>
    public double RooflineFraction => RooflineSeconds / EpochSeconds;
}

/// <summary>
/// <c>minidl bench --profile</c>: the benchmark's epoch (<see cref="TrainingBench"/>) with the native library's
/// per-family timers on (<c>mdl_profile</c>), the evaluation passes, and the epoch's GEMM roofline: the same products
/// run back to back with nothing between them, in the same run.
/// </summary>
public static class ProfileBench
{
    /// <summary>Profiles <paramref name="epochs"/> epochs after one warm-up epoch and measures the roofline.</summary>
    public static EpochProfile Run(NativeBackend backend, string label, Dataset train, Dataset test, int epochs, int repetitions)
    {
        var trainer = TrainingBench.CreateTrainer(backend, 1 + epochs);
        var timed = new List<(double Wall, ProfilePart[] Parts)>();
        trainer.OnEpoch = report =>
        {
            if (report.Epoch > 1)
            {
                timed.Add((report.Seconds, Parts(backend, report.Seconds)));
            }

            backend.Profile(true); // restarts the counters for the next epoch
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
        double trainPass = Seconds(() => trainer.Evaluate(train));
        double testPass = Seconds(() => trainer.Evaluate(test));
        var (roofline, calls, gflop) = GemmRoofline(backend, train.Count, repetitions);
        return new EpochProfile(label, wall, parts, trainPass, testPass, roofline, calls, gflop);
    }

    /// <summary>
    /// The products of one epoch of the MLP <see cref="TrainingBench.Widths"/> in batches of
    /// <see cref="TrainingBench.BatchSize"/>, as MatMul's forward and backward call them (Z = X W;
    /// dW += Xᵀ dZ; dX += dZ Wᵀ, except for the data input, which needs no gradient), timed alone.
    /// </summary>
    /// <returns>Median seconds per epoch, products per epoch, GFLOP per epoch.</returns>
    public static (double Seconds, long Calls, double Gflop) GemmRoofline(IBackend backend, int samples, int repetitions)
    {
        int[] widths = TrainingBench.Widths;
        int batch = TrainingBench.BatchSize, layers = widths.Length - 1;
        var rng = new Random(5);
        var buffers = new List<Storage>();
        Storage New(long n)
        {
            var s = KernelBench.Filled(backend, n, rng);
            buffers.Add(s);
            return s;
        }

        var weights = Enumerable.Range(0, layers).Select(l => New((long)widths[l] * widths[l + 1])).ToArray();
        var weightGrads = Enumerable.Range(0, layers).Select(l => New((long)widths[l] * widths[l + 1])).ToArray();
        var perRows = new Dictionary<int, (Storage[] Inputs, Storage[] Outputs, Storage[] InputGrads)>();
        for (int start = 0; start < samples; start += batch)
        {
            int rows = Math.Min(batch, samples - start);                               // full batches, then the rest
            perRows.TryAdd(rows, (
                [.. widths[..^1].Select(d => New((long)rows * d))],                       // X, then each hidden output
                [.. widths[1..].Select(m => New((long)rows * m))],
                [.. widths[..^1].Select(d => New((long)rows * d))]));
        }

        long calls = 0;
        double flop = 0;

        void Step(int rows)
        {
            var (inputs, outputs, inputGrads) = perRows[rows];
            for (int l = 0; l < layers; l++)
            {
                backend.Gemm(false, false, rows, widths[l + 1], widths[l], 1.0, inputs[l], weights[l], 0.0, outputs[l]);
            }

            for (int l = layers - 1; l >= 0; l--)
            {
                backend.Gemm(true, false, widths[l], widths[l + 1], rows, 1.0, inputs[l], outputs[l], 1.0, weightGrads[l]);
                if (l > 0)
                {
                    backend.Gemm(false, true, rows, widths[l], widths[l + 1], 1.0, outputs[l], weights[l], 1.0, inputGrads[l]);
                }
            }
        }

        void Epoch()
        {
            for (int start = 0; start < samples; start += batch)
            {
                Step(Math.Min(batch, samples - start));
            }
        }

        for (int start = 0; start < samples; start += batch)
        {
            int rows = Math.Min(batch, samples - start);
            for (int l = 0; l < layers; l++)
            {
                double product = 2.0 * rows * widths[l] * widths[l + 1];
                calls += l > 0 ? 3 : 2;
                flop += (l > 0 ? 3 : 2) * product;
            }
        }

        try
        {
            return (KernelBench.Median(backend, repetitions, Epoch), calls, flop / 1e9);
        }
        finally
        {
            buffers.ForEach(b => b.Dispose());
        }
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
            sb.AppendLine(CultureInfo.InvariantCulture, $"GEMM roofline: the epoch's {p.RooflineCalls} products ({F(p.RooflineGflop, "F1")} GFLOP; the profiled epoch made {gemmCalls}) alone take {F(p.RooflineSeconds, "F3")} s ({F(p.RooflineGflop / p.RooflineSeconds, "F0")} GFLOP/s): the epoch is at {F(100 * p.RooflineFraction, "F0")}% of its GEMM roofline.");
            sb.AppendLine();
        }

        return sb.ToString();
    }
}
