using System.Diagnostics;
using System.Text;
using System.Text.Json;
using MiniDL.Cli.Bench;
using MiniDL.Native;

namespace MiniDL.Cli.Commands;

/// <summary>
/// <c>minidl bench</c>: the kernel table (GFLOP/s, GB/s) and one Fashion-MNIST epoch per backend, as a Markdown
/// table on stdout, or one JSON object with <c>--json</c>. <c>--peers</c> also runs bench/peer_pytorch.py (when
/// PyTorch is installed) twice — with the environment's OpenBLAS settings and with OPENBLAS_CORETYPE and
/// OPENBLAS_L2_SIZE unset — and prints MiniDL/PyTorch ratios from the same run.
/// </summary>
public sealed class BenchCommand() : Command("bench", "benchmark kernels and a Fashion-MNIST epoch on every backend (--peers: PyTorch too)", Table)
{
    /// <summary>The option table of this command (drives the parser and the help).</summary>
    public static CommandHelp Table { get; } = new(
        "bench [--quick] [--backends LIST] [--options]",
        "Benchmark the kernels (GFLOP/s, GB/s) and one Fashion-MNIST epoch per backend; a Markdown table on stdout.",
        [
            new("quick", OptionKind.Flag, "", "fewer repetitions and epochs (3 and 2)"),
            new("backends", OptionKind.Text, "reference,cpu,cuda", "comma-separated backends to measure"),
            new("repetitions", OptionKind.Int, "7 (3 with --quick)", "timed repetitions per kernel") { Min = 1 },
            new("epochs", OptionKind.Int, "3 (2 with --quick)", "training epochs timed per backend") { Min = 1 },
            new("no-training", OptionKind.Flag, "", "skip the Fashion-MNIST epoch"),
            new("no-kernels", OptionKind.Flag, "", "skip the kernel table"),
            new("contention", OptionKind.Flag, "", "the CPU epoch alone, with 1 thread, beside a busy process, two at once, and two at once with 1 thread each (each in its own process; --peers: PyTorch too)"),
            new("profile", OptionKind.Flag, "", "the native epoch's time per kernel family, the evaluation passes, and the epoch's GEMM roofline (the same products alone)"),
            new("host-features", OptionKind.Flag, "", "gather each training batch from the host's float64 rows, not from the set kept on the backend (Trainer.KeepFeaturesOnDevice = false)"),
            new("peers", OptionKind.Flag, "", "also run bench/peer_pytorch.py (when PyTorch is installed) and print ratios"),
            new("data", OptionKind.Path, "the installed data set", "Fashion-MNIST's folder"),
            new("record", OptionKind.Path, "none", "also write the results to this file"),
            new("json", OptionKind.Flag, "", "print one JSON object"),
        ],
        ["bench --quick", "bench --backends cpu --no-training --json", "bench --contention --peers", "bench --profile --backends cpu"]);

    /// <inheritdoc/>
    protected override int Execute(CliArgs args, TextWriter stdout, TextWriter stderr)
    {
        bool json = args.Flag("json");
        bool quick = args.Flag("quick");
        bool peers = args.Flag("peers");
        bool skipTraining = args.Flag("no-training");
        bool skipKernels = args.Flag("no-kernels");
        bool contention = args.Flag("contention");
        bool profile = args.Flag("profile");
        TrainingBench.KeepFeaturesOnDevice = !args.Flag("host-features");
        int repetitions = args.Int("repetitions", quick ? 3 : 7);
        int epochs = args.Int("epochs", quick ? 2 : 3);
        string? dataDir = args.String("data");
        string? record = args.String("record");
        var requested = (args.String("backends") ?? "reference,cpu,cuda").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        args.RejectUnknown();
        if (epochs < 1 || repetitions < 1)
        {
            throw new CliException("--epochs and --repetitions must be at least 1.");
        }

        if (contention)
        {
            return Contention(epochs, dataDir, peers, json, record, stdout, stderr);
        }

        if (profile)
        {
            return Profile(requested, epochs, dataDir, json, record, stdout, stderr);
        }

        var backends = new List<(string Label, IBackend Backend)>();
        foreach (var kind in requested)
        {
            if (kind == "reference")
            {
                backends.Add(("reference-f64", ReferenceBackend.Instance));
                continue;
            }

            if (BackendRegistry.TryCreate(kind, DType.Float32, out var b, out var reason))
            {
                backends.Add(($"{kind}-f32", b!));
            }
            else
            {
                stderr.WriteLine($"bench: skipping {kind}: {reason}");
            }
        }

        var kernels = new List<KernelResult>();
        foreach (var (label, backend) in skipKernels ? [] : backends)
        {
            stderr.WriteLine($"bench: kernels on {label} …");
            bool slow = backend is ReferenceBackend;
            kernels.AddRange(KernelBench.Run(backend, label, maxGemm: slow ? 512 : 2048, maxElements: slow ? 1 << 22 : 1 << 24, slow ? Math.Min(repetitions, 3) : repetitions));
        }

        var training = new List<TrainingResult>();
        string? trainingNote = null;
        if (!skipTraining)
        {
            try
            {
                var (train, test) = Datasets.FashionMnist(dataDir);
                foreach (var (label, backend) in backends)
                {
                    stderr.WriteLine($"bench: Fashion-MNIST epochs on {label} …");
                    int e = backend is ReferenceBackend ? 1 : epochs;
                    training.Add(TrainingBench.Run(backend, label, train, test, e));
                }
            }
            catch (DatasetNotFoundException e)
            {
                trainingNote = e.Message;
                stderr.WriteLine($"bench: no training table: {e.Message}");
            }
        }

        var peerRuns = new List<(string Setting, JsonDocument Result)>();
        if (peers)
        {
            foreach (var (setting, unset) in new[] { ("environment", false), ("openblas-unset", true) })
            {
                stderr.WriteLine($"bench: PyTorch peer ({setting}) …");
                var doc = RunPeer(unset, dataDir, epochs, stderr);
                if (doc is not null)
                {
                    peerRuns.Add((setting, doc));
                }
            }
        }

        var machine = Machine(backends);
        string jsonText = ToJson(machine, kernels, training, peerRuns, trainingNote);
        Record(record, jsonText, stderr);

        if (json)
        {
            stdout.WriteLine(jsonText);
        }
        else
        {
            stdout.Write(ToMarkdown(machine, kernels, training, peerRuns, trainingNote));
        }

        return 0;
    }

    private static int Profile(string[] requested, int epochs, string? dataDir, bool json, string? record, TextWriter stdout, TextWriter stderr)
    {
        var (train, test) = Datasets.FashionMnist(dataDir);
        var profiles = new List<EpochProfile>();
        var backends = new List<(string Label, IBackend Backend)>();
        foreach (var kind in requested.Where(k => k != "reference"))
        {
            if (!BackendRegistry.TryCreate(kind, DType.Float32, out var b, out var reason) || b is not NativeBackend native)
            {
                stderr.WriteLine($"bench: skipping {kind}: {reason ?? "the profile times the native library's calls"}");
                continue;
            }

            stderr.WriteLine($"bench: profiling {1 + epochs} Fashion-MNIST epochs on {kind}-f32 …");
            backends.Add(($"{kind}-f32", native));
            profiles.Add(ProfileBench.Run(native, $"{kind}-f32", train, test, epochs));
        }

        if (profiles.Count == 0)
        {
            throw new CliException("bench --profile: no native backend to profile (--backends cpu or cuda; the reference backend has no native calls to time).");
        }

        string jsonText = JsonWithMachine(Machine(backends), w =>
        {
            w.WriteNumber("epochs", epochs);
            ProfileBench.WriteJson(w, profiles);
        });
        Record(record, jsonText, stderr);
        stdout.Write(json ? jsonText + "\n" : ProfileBench.ToMarkdown(profiles));
        return 0;
    }

    /// <summary>Writes <paramref name="jsonText"/> to the file <c>--record</c> names, if any.</summary>
    private static void Record(string? record, string jsonText, TextWriter stderr)
    {
        if (record is not null)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(record))!);
            File.WriteAllText(record, jsonText + "\n");
            stderr.WriteLine($"bench: recorded {record}");
        }
    }

    private static int Contention(int epochs, string? dataDir, bool peers, bool json, string? record, TextWriter stdout, TextWriter stderr)
    {
        string? script = null;
        if (peers)
        {
            script = FindUp(Path.Combine("bench", "peer_pytorch.py"));
            if (script is null)
            {
                stderr.WriteLine("bench: bench/peer_pytorch.py not found (run from the repository); no PyTorch columns.");
            }
        }

        Datasets.RequireFashionMnist(dataDir); // the data set is there, or a clear error before any process starts
        var runs = ContentionBench.Run(epochs, dataDir, script, stderr);
        string jsonText = JsonWithMachine(Machine([]), w =>
        {
            w.WriteNumber("epochs", epochs);
            ContentionBench.WriteJson(w, runs);
        });
        Record(record, jsonText, stderr);

        stdout.Write(json ? jsonText + "\n" : ContentionBench.ToMarkdown(runs));
        return 0;
    }

    private static Dictionary<string, string> Machine(List<(string Label, IBackend Backend)> backends)
    {
        var m = new Dictionary<string, string>
        {
            ["cpu"] = CpuModel(),
            ["cores"] = Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture),
            ["os"] = System.Runtime.InteropServices.RuntimeInformation.OSDescription,
            ["dotnet"] = Environment.Version.ToString(),
            ["commit"] = GitCommit(),
            ["date"] = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
        };
        foreach (var (label, backend) in backends)
        {
            if (backend is not ReferenceBackend)
            {
                m["backend." + label] = BackendRegistry.Describe(backend.Name, backend.DType);
            }
        }

        return m;
    }

    private static string CpuModel()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/cpuinfo"))
            {
                if (line.StartsWith("model name", StringComparison.Ordinal))
                {
                    return line[(line.IndexOf(':') + 1)..].Trim();
                }
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture.ToString();
    }

    private static string GitCommit()
    {
        try
        {
            using var p = Process.Start(new ProcessStartInfo("git", "rev-parse --short HEAD") { RedirectStandardOutput = true, RedirectStandardError = true });
            if (p is null)
            {
                return "unknown";
            }

            string s = p.StandardOutput.ReadToEnd().Trim();
            p.WaitForExit();
            return p.ExitCode == 0 && s.Length > 0 ? s : "unknown";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "unknown";
        }
    }

    /// <summary>Runs bench/peer_pytorch.py; null (with a note on stderr) when Python or PyTorch is missing.</summary>
    private static JsonDocument? RunPeer(bool unsetOpenBlas, string? dataDir, int epochs, TextWriter stderr)
    {
        string? script = FindUp(Path.Combine("bench", "peer_pytorch.py"));
        if (script is null)
        {
            stderr.WriteLine("bench: bench/peer_pytorch.py not found (run from the repository).");
            return null;
        }

        // Debian's python3-torch installs into the system interpreter, which a pyenv or venv python3 on PATH may hide.
        string python = File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
        var psi = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(script);
        psi.ArgumentList.Add("--epochs");
        psi.ArgumentList.Add(epochs.ToString(CultureInfo.InvariantCulture));
        if (dataDir is not null)
        {
            psi.ArgumentList.Add("--data");
            psi.ArgumentList.Add(dataDir);
        }

        if (unsetOpenBlas)
        {
            psi.Environment.Remove("OPENBLAS_CORETYPE");
            psi.Environment.Remove("OPENBLAS_L2_SIZE");
        }

        try
        {
            using var p = Process.Start(psi)!;
            var errTask = p.StandardError.ReadToEndAsync();
            string output = p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            if (p.ExitCode != 0)
            {
                stderr.WriteLine($"bench: PyTorch peer failed (exit {p.ExitCode}): {errTask.Result.Trim().Split('\n').LastOrDefault()} — install it with: sudo apt-get install python3-torch");
                return null;
            }

            return JsonDocument.Parse(output);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            stderr.WriteLine("bench: python3 not found; the PyTorch peer needs python3 and python3-torch.");
            return null;
        }
    }

    private static string? FindUp(string relative)
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, relative);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    private static double? PeerGemm(JsonDocument peer, long size)
    {
        foreach (var k in peer.RootElement.GetProperty("kernels").EnumerateArray())
        {
            if (k.GetProperty("size").GetInt64() == size)
            {
                return k.GetProperty("gflops").GetDouble();
            }
        }

        return null;
    }

    private static double? PeerEpoch(JsonDocument peer)
        => peer.RootElement.TryGetProperty("training", out var t) ? t.GetProperty("secondsPerEpoch").GetDouble() : null;

    private static string ToJson(
        Dictionary<string, string> machine, List<KernelResult> kernels, List<TrainingResult> training,
        List<(string Setting, JsonDocument Result)> peers, string? trainingNote)
    {
        return JsonWithMachine(machine, w =>
        {
            w.WriteStartArray("kernels");
            foreach (var k in kernels)
            {
                w.WriteStartObject();
                w.WriteString("name", k.Name);
                w.WriteString("backend", k.Backend);
                w.WriteNumber("size", k.Size);
                if (k.Gflops is double g)
                {
                    w.WriteNumber("gflops", Math.Round(g, 2));
                }

                if (k.Gbps is double b)
                {
                    w.WriteNumber("gbps", Math.Round(b, 2));
                }

                w.WriteNumber("seconds", k.Seconds);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("training");
            foreach (var t in training)
            {
                w.WriteStartObject();
                w.WriteString("backend", t.Backend);
                w.WriteNumber("secondsPerEpoch", Math.Round(t.SecondsPerEpoch, 4));
                w.WriteStartArray("epochSeconds");
                foreach (var s in t.EpochSeconds)
                {
                    w.WriteNumberValue(Math.Round(s, 4));
                }

                w.WriteEndArray();
                w.WriteNumber("bytesPerStep", Math.Round(t.BytesPerStep, 1));
                w.WriteNumber("peakWorkingSetBytes", t.PeakWorkingSetBytes);
                w.WriteNumber("iterationsPerEpoch", t.Iterations);
                w.WriteNumber("testAccuracy", Math.Round(t.TestAccuracy, 4));
                w.WriteEndObject();
            }

            w.WriteEndArray();
            if (trainingNote is not null)
            {
                w.WriteString("trainingNote", trainingNote);
            }

            w.WriteStartArray("peers");
            foreach (var (setting, doc) in peers)
            {
                w.WriteStartObject();
                w.WriteString("setting", setting);
                w.WritePropertyName("result");
                doc.RootElement.WriteTo(w);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        });
    }

    // { "machine": {…}, then what `write` adds } as indented JSON text.
    private static string JsonWithMachine(Dictionary<string, string> machine, Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteStartObject("machine");
            foreach (var (k, v) in machine)
            {
                w.WriteString(k, v);
            }

            w.WriteEndObject();
            write(w);
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static string F(double v, string format = "F1") => v.ToString(format, CultureInfo.InvariantCulture);

    private static string ToMarkdown(
        Dictionary<string, string> machine, List<KernelResult> kernels, List<TrainingResult> training,
        List<(string Setting, JsonDocument Result)> peers, string? trainingNote)
    {
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"Machine: {machine["cpu"]}, {machine["cores"]} cores; commit {machine["commit"]}; {machine["date"]}");
        sb.AppendLine();
        if (kernels.Count > 0)
        {
            var labels = kernels.Select(k => k.Backend).Distinct().ToList();
            sb.AppendLine("| kernel | size | " + string.Join(" | ", labels) + (peers.Count > 0 ? " | " + string.Join(" | ", peers.Select(p => "PyTorch (" + p.Setting + ")")) : string.Empty) + " |");
            sb.AppendLine("| --- | --- |" + string.Concat(Enumerable.Repeat(" --- |", labels.Count + peers.Count)));
            var nameOrder = kernels.Select(k => k.Name).Distinct().ToList();
            foreach (var group in kernels.GroupBy(k => (k.Name, k.Size)).OrderBy(g => nameOrder.IndexOf(g.Key.Name)).ThenBy(g => g.Key.Size))
            {
                string unit = group.First().Gflops is null ? "GB/s" : "GFLOP/s";
                sb.Append(CultureInfo.InvariantCulture, $"| {group.Key.Name} ({unit}) | {group.Key.Size} |");
                foreach (var label in labels)
                {
                    var k = group.FirstOrDefault(x => x.Backend == label);
                    sb.Append(k is null ? " — |" : $" {F(k.Gflops ?? k.Gbps ?? 0)} |");
                }

                foreach (var (_, doc) in peers)
                {
                    var g = group.Key.Name == "gemm" ? PeerGemm(doc, group.Key.Size) : null;
                    sb.Append(g is null ? " — |" : $" {F(g.Value)} |");
                }

                sb.AppendLine();
            }

            sb.AppendLine();
        }

        if (training.Count > 0 || peers.Count > 0)
        {
            sb.AppendLine("Fashion-MNIST epoch, MLP 784-256-10, ReLU, Adam, batch 128:");
            sb.AppendLine();
            sb.AppendLine("| backend | s/epoch | managed bytes/step | peak working set (MB) | test accuracy |");
            sb.AppendLine("| --- | --- | --- | --- | --- |");
            foreach (var t in training)
            {
                sb.AppendLine(CultureInfo.InvariantCulture, $"| {t.Backend} | {F(t.SecondsPerEpoch, "F3")} | {F(t.BytesPerStep, "F0")} | {F(t.PeakWorkingSetBytes / 1048576.0, "F0")} | {F(100 * t.TestAccuracy, "F2")}% |");
            }

            foreach (var (setting, doc) in peers)
            {
                if (PeerEpoch(doc) is double s)
                {
                    double acc = doc.RootElement.GetProperty("training").GetProperty("testAccuracy").GetDouble();
                    sb.AppendLine(CultureInfo.InvariantCulture, $"| PyTorch {doc.RootElement.GetProperty("torch").GetString()} ({setting}) | {F(s, "F3")} | — | — | {F(100 * acc, "F2")}% |");
                }
            }

            sb.AppendLine();
        }

        if (trainingNote is not null)
        {
            sb.AppendLine("No training table: " + trainingNote);
        }

        if (peers.Count > 0)
        {
            sb.AppendLine("Ratios to PyTorch in this run (MiniDL / PyTorch; GEMM: higher is better, epoch time: lower is better):");
            sb.AppendLine();
            foreach (var (setting, doc) in peers)
            {
                foreach (var k in kernels.Where(k => k.Name == "gemm" && k.Backend != "reference-f64"))
                {
                    if (PeerGemm(doc, k.Size) is double g)
                    {
                        sb.AppendLine(CultureInfo.InvariantCulture, $"- {k.Backend} SGEMM {k.Size}: {F(k.Gflops!.Value / g, "F2")}× PyTorch ({setting})");
                    }
                }

                foreach (var t in training.Where(t => t.Backend != "reference-f64"))
                {
                    if (PeerEpoch(doc) is double s)
                    {
                        sb.AppendLine(CultureInfo.InvariantCulture, $"- {t.Backend} epoch time: {F(t.SecondsPerEpoch / s, "F2")}× PyTorch's ({setting})");
                    }
                }
            }
        }

        return sb.ToString();
    }
}
