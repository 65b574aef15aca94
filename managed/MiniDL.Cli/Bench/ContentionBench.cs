using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace MiniDL.Cli.Bench;

/// <summary>One load scenario: MiniDL's and (when measured) PyTorch's seconds per epoch under it.</summary>
/// <param name="Scenario">"alone", "alone, 1 thread", "beside a busy process", "two at once" or "two at once, 1 thread each".</param>
/// <param name="MiniDL">MiniDL's seconds per epoch (for two at once: the slower of the two runs), or NaN.</param>
/// <param name="PyTorch">PyTorch's seconds per epoch under the same load, or NaN when not measured.</param>
public sealed record ContentionResult(string Scenario, double MiniDL, double PyTorch);

/// <summary>
/// <c>minidl bench --contention</c>: the Fashion-MNIST epoch of <see cref="TrainingBench"/> on the CPU backend, each run
/// in a process of its own, under five loads — alone; alone with one thread (<c>MINIDL_THREADS=1</c>); beside one busy
/// process (a shell loop on one core); two trainings at once; and two at once with one thread each — each next to
/// bench/peer_pytorch.py under the same load when <c>--peers</c> is given. The last load involves no thread policy: how
/// much two single-thread runs slow each other is the machine's own sharing (memory, caches, a VM's neighbours), the
/// floor under "two at once". A shared machine is the normal case on a student's laptop; docs/threads.md says
/// how the CPU backend adapts its thread count to it.
/// </summary>
public static class ContentionBench
{
    /// <summary>Runs the scenarios; prints progress on <paramref name="stderr"/>.</summary>
    /// <param name="epochs">Epochs per run (the first is a warm-up).</param>
    /// <param name="dataDir">Fashion-MNIST's folder, or null for the installed one.</param>
    /// <param name="script">bench/peer_pytorch.py, to run PyTorch under the same loads; null for MiniDL only.</param>
    /// <param name="stderr">Progress and problems.</param>
    /// <returns>One row per scenario.</returns>
    public static List<ContentionResult> Run(int epochs, string? dataDir, string? script, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(stderr);
        var runs = new List<ContentionResult>();

        stderr.WriteLine("bench --contention: alone …");
        runs.Add(new("alone", MiniDLEpoch(epochs, dataDir, threads: null), PeerEpoch(script, epochs, dataDir, 0)));

        stderr.WriteLine("bench --contention: alone, one thread …");
        runs.Add(new("alone, 1 thread", MiniDLEpoch(epochs, dataDir, threads: 1), PeerEpoch(script, epochs, dataDir, 1)));

        if (OperatingSystem.IsWindows())
        {
            stderr.WriteLine("bench --contention: the busy process is a POSIX shell loop; skipped on Windows.");
        }
        else
        {
            stderr.WriteLine("bench --contention: beside one busy process …");
            double minidl, torch;
            using (Busy())
            {
                minidl = MiniDLEpoch(epochs, dataDir, threads: null);
            }

            using (Busy())
            {
                torch = PeerEpoch(script, epochs, dataDir, 0);
            }

            runs.Add(new("beside a busy process", minidl, torch));
        }

        stderr.WriteLine("bench --contention: two trainings at once …");
        double twoMiniDL = Slower(() => MiniDLEpoch(epochs, dataDir, threads: null));
        double twoTorch = script is null ? double.NaN : Slower(() => PeerEpoch(script, epochs, dataDir, 0));
        runs.Add(new("two at once", twoMiniDL, twoTorch));

        stderr.WriteLine("bench --contention: two at once, one thread each …");
        double twoSingle = Slower(() => MiniDLEpoch(epochs, dataDir, threads: 1));
        double twoSingleTorch = script is null ? double.NaN : Slower(() => PeerEpoch(script, epochs, dataDir, 1));
        runs.Add(new("two at once, 1 thread each", twoSingle, twoSingleTorch));
        return runs;
    }

    /// <summary>
    /// A Markdown table: seconds per epoch, the slowdown against running alone, and MiniDL / PyTorch; with both
    /// two-at-once loads, a last line: MiniDL's two at once against two single-thread runs at once (what the auto
    /// thread count costs beyond the machine's own sharing).
    /// </summary>
    /// <param name="runs">The scenarios, "alone" and "alone, 1 thread" first.</param>
    /// <returns>The table.</returns>
    public static string ToMarkdown(IReadOnlyList<ContentionResult> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var alone = runs.FirstOrDefault(r => r.Scenario == "alone");
        var single = runs.FirstOrDefault(r => r.Scenario == "alone, 1 thread");
        var text = new StringBuilder();
        text.Append("| load | MiniDL s/epoch | × alone | × alone, 1 thread | PyTorch s/epoch | × alone | MiniDL / PyTorch |\n");
        text.Append("| --- | --- | --- | --- | --- | --- | --- |\n");
        foreach (var r in runs)
        {
            text.Append("| ").Append(r.Scenario)
                .Append(" | ").Append(F(r.MiniDL, "0.000"))
                .Append(" | ").Append(F(r.MiniDL / (alone?.MiniDL ?? double.NaN), "0.00"))
                .Append(" | ").Append(F(r.MiniDL / (single?.MiniDL ?? double.NaN), "0.00"))
                .Append(" | ").Append(F(r.PyTorch, "0.000"))
                .Append(" | ").Append(F(r.PyTorch / (alone?.PyTorch ?? double.NaN), "0.00"))
                .Append(" | ").Append(F(r.MiniDL / r.PyTorch, "0.00"))
                .Append(" |\n");
        }

        var two = runs.FirstOrDefault(r => r.Scenario == "two at once");
        var twoSingle = runs.FirstOrDefault(r => r.Scenario == "two at once, 1 thread each");
        if (two is not null && twoSingle is not null)
        {
            text.Append("\ntwo at once against two single-thread runs at once: MiniDL ×").Append(F(two.MiniDL / twoSingle.MiniDL, "0.00"))
                .Append("; two single-thread runs slow each other ×").Append(F(twoSingle.MiniDL / (single?.MiniDL ?? double.NaN), "0.00"))
                .Append(" on this machine\n");
        }

        return text.ToString();
    }

    /// <summary>The rows as a JSON array.</summary>
    /// <param name="w">The writer, inside an object.</param>
    /// <param name="runs">The scenarios.</param>
    public static void WriteJson(Utf8JsonWriter w, IReadOnlyList<ContentionResult> runs)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(runs);
        w.WriteStartArray("contention");
        foreach (var r in runs)
        {
            w.WriteStartObject();
            w.WriteString("scenario", r.Scenario);
            WriteNumber(w, "minidlSecondsPerEpoch", r.MiniDL);
            WriteNumber(w, "pytorchSecondsPerEpoch", r.PyTorch);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void WriteNumber(Utf8JsonWriter w, string name, double value)
    {
        if (double.IsFinite(value))
        {
            w.WriteNumber(name, Math.Round(value, 4));
        }
        else
        {
            w.WriteNull(name);
        }
    }

    private static string F(double value, string format)
        => double.IsFinite(value) ? value.ToString(format, CultureInfo.InvariantCulture) : "—";

    // Two runs of the same training at once; the slower one's seconds per epoch.
    private static double Slower(Func<double> run)
    {
        var first = Task.Run(run);
        var second = Task.Run(run);
        return Math.Max(first.Result, second.Result);
    }

    // `minidl bench --backends cpu --no-kernels --json` in a process of its own: its seconds per epoch.
    private static double MiniDLEpoch(int epochs, string? dataDir, int? threads)
    {
        string self = Environment.ProcessPath ?? throw new CliException("bench --contention: cannot find its own executable.");
        var psi = new ProcessStartInfo(self) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            psi.ArgumentList.Add(typeof(ContentionBench).Assembly.Location);
        }

        foreach (var a in new[] { "bench", "--backends", "cpu", "--no-kernels", "--json", "--epochs", epochs.ToString(CultureInfo.InvariantCulture) })
        {
            psi.ArgumentList.Add(a);
        }

        if (dataDir is not null)
        {
            psi.ArgumentList.Add("--data");
            psi.ArgumentList.Add(dataDir);
        }

        if (threads is { } t)
        {
            psi.Environment["MINIDL_THREADS"] = t.ToString(CultureInfo.InvariantCulture);
        }

        using var doc = RunJson(psi, "minidl bench");
        var training = doc.RootElement.GetProperty("training");
        if (training.GetArrayLength() == 0)
        {
            throw new InvalidDataException("bench --contention: the CPU backend ran no training (is the native library built?).");
        }

        return training[0].GetProperty("secondsPerEpoch").GetDouble();
    }

    // bench/peer_pytorch.py with no kernel sizes: its seconds per epoch (threads 0: one per core), NaN without a script.
    private static double PeerEpoch(string? script, int epochs, string? dataDir, int threads)
    {
        if (script is null)
        {
            return double.NaN;
        }

        string python = File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
        var psi = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { script, "--sizes", "", "--epochs", epochs.ToString(CultureInfo.InvariantCulture) })
        {
            psi.ArgumentList.Add(a);
        }

        if (threads > 0)
        {
            psi.ArgumentList.Add("--threads");
            psi.ArgumentList.Add(threads.ToString(CultureInfo.InvariantCulture));
        }

        if (dataDir is not null)
        {
            psi.ArgumentList.Add("--data");
            psi.ArgumentList.Add(dataDir);
        }

        using var doc = RunJson(psi, "bench/peer_pytorch.py");
        return doc.RootElement.TryGetProperty("training", out var t) ? t.GetProperty("secondsPerEpoch").GetDouble() : double.NaN;
    }

    private static JsonDocument RunJson(ProcessStartInfo psi, string what)
    {
        using var p = Process.Start(psi) ?? throw new InvalidOperationException($"bench --contention: could not start {what}.");
        var err = p.StandardError.ReadToEndAsync();
        string output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0)
        {
            throw new InvalidDataException($"bench --contention: {what} failed (exit {p.ExitCode}): {err.Result.Trim().Split('\n').LastOrDefault()}");
        }

        return JsonDocument.Parse(output);
    }

    // One core kept busy by a shell loop until disposed.
    private static BusyProcess Busy() => new(Process.Start(new ProcessStartInfo("/bin/sh", ["-c", "while :; do :; done"]))
        ?? throw new InvalidOperationException("bench --contention: could not start /bin/sh for the busy process."));

    private sealed class BusyProcess(Process process) : IDisposable
    {
        public void Dispose()
        {
            try
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
            }
            catch (InvalidOperationException)
            {
            }

            process.Dispose();
        }
    }
}
