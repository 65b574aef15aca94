using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace MiniDL.Cli.Commands;

/// <summary>
/// <c>minidl info [--json]</c>: list the backends found (reference, cpu, cuda: available, or why not), the native
/// libraries' paths and ABI versions, the CPU model and threads, the GPU (name, compute capability, memory), and the
/// backend "auto" selects. <c>--json</c> prints one JSON object:
/// <c>{"backends": [{"name", "available", "path", "abiVersion", "device", "reason"}], "selected"}</c>.
/// </summary>
public sealed class InfoCommand() : Command("info", "list the backends found, the native library and the GPU", Table)
{
    /// <summary>The option table of this command (drives the parser and the help).</summary>
    public static CommandHelp Table { get; } = new(
        "info [--json]",
        "List the backends found (available, or why not), the native libraries, the CPU, the GPU and the backend auto selects.",
        [
            new("json", OptionKind.Flag, "", "print one JSON object"),
        ],
        ["info", "info --json"]);

    /// <inheritdoc/>
    protected override int Execute(CliArgs args, TextWriter stdout, TextWriter stderr)
    {
        bool json = args.Flag("json");
        args.RejectUnknown();
        if (args.Positionals.Count > 0)
        {
            throw new CliException($"info takes no arguments (got '{args.Positionals[0]}').");
        }

        var probes = BackendRegistry.Probe();
        BackendRegistry.TryCreate("auto", DType.Float32, out var selected, out var selectedReason);
        var env = Environment.GetEnvironmentVariable(BackendRegistry.BackendVariable);
        if (!string.IsNullOrWhiteSpace(env))
        {
            try
            {
                selected = BackendRegistry.FromEnvironment(DType.Float32);
                selectedReason = $"{BackendRegistry.BackendVariable}={env}: {BackendRegistry.Describe(env.Trim().ToLowerInvariant(), DType.Float32)}";
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException)
            {
                selected = null;
                selectedReason = $"{BackendRegistry.BackendVariable}={env}: {e.Message}";
            }
        }

        if (json)
        {
            stdout.WriteLine(ToJson(probes, selected?.Name, selectedReason));
        }
        else
        {
            WriteText(stdout, probes, selectedReason);
        }

        return 0;
    }

    private static void WriteText(TextWriter w, IReadOnlyList<BackendProbe> probes, string selectedReason)
    {
        w.WriteLine("MiniDL backends");
        foreach (var p in probes)
        {
            w.WriteLine($"  {p.Kind,-10} {(p.Available ? "available" : "not available")}");
            if (p.Path is not null)
            {
                w.WriteLine($"             library: {p.Path} (ABI version {p.AbiVersion})");
            }

            if (p.Device is { } d)
            {
                if (d.Backend == "cuda")
                {
                    w.WriteLine($"             GPU: {d.Name}, compute capability {d.ComputeMajor}.{d.ComputeMinor}, {d.Multiprocessors} SMs, {GiB(d.TotalMemory)} memory");
                }
                else
                {
                    w.WriteLine($"             CPU: {d.Name}, {d.Multiprocessors} threads, {GiB(d.TotalMemory)} memory");
                }
            }
            else
            {
                w.WriteLine($"             {p.Reason}");
            }
        }

        w.WriteLine($"selected (auto unless {BackendRegistry.BackendVariable} is set): {selectedReason}");
    }

    private static string GiB(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024 * 1024):F1} GiB");

    /// <summary>The <c>--json</c> document (Utf8JsonWriter: no reflection, trimming-safe).</summary>
    internal static string ToJson(IReadOnlyList<BackendProbe> probes, string? selected, string selectedReason)
    {
        using var stream = new MemoryStream();
        using (var j = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            j.WriteStartObject();
            j.WriteStartArray("backends");
            foreach (var p in probes)
            {
                j.WriteStartObject();
                j.WriteString("name", p.Kind);
                j.WriteBoolean("available", p.Available);
                if (p.Path is null)
                {
                    j.WriteNull("path");
                }
                else
                {
                    j.WriteString("path", p.Path);
                }

                if (p.AbiVersion is { } v)
                {
                    j.WriteNumber("abiVersion", v);
                }
                else
                {
                    j.WriteNull("abiVersion");
                }

                if (p.Device is { } d)
                {
                    j.WriteStartObject("device");
                    j.WriteString("name", d.Name);
                    j.WriteString("backend", d.Backend);
                    j.WriteString("computeCapability", d.Backend == "cuda" ? $"{d.ComputeMajor}.{d.ComputeMinor}" : null);
                    j.WriteNumber(d.Backend == "cuda" ? "multiprocessors" : "threads", d.Multiprocessors);
                    j.WriteNumber("totalMemory", d.TotalMemory);
                    j.WriteEndObject();
                }
                else
                {
                    j.WriteNull("device");
                }

                j.WriteString("reason", p.Reason);
                j.WriteEndObject();
            }

            j.WriteEndArray();
            j.WriteString("selected", selected);
            j.WriteString("selectedReason", selectedReason);
            j.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
