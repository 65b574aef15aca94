using System.Text.Json;
using MiniDL.Porting;

namespace MiniDL.Cli.Commands;

/// <summary>
/// <c>minidl golden export DIR [--seed N]</c> writes one JSON file per node, activation, loss and optimizer step
/// (fixed inputs, the upstream gradient, the reference backend's outputs and gradients) plus DIR/index.json;
/// <c>minidl golden check PORT_DIR [--golden DIR] [--atol A] [--rtol R] [--require-all]</c> compares a port's files
/// (same schema, docs/porting.md) with the golden ones and prints one line per case.
/// </summary>
/// <remarks>
/// Without <c>--golden</c> the golden cases are recomputed in-process (they are deterministic for a seed).
/// A case the port has no file for is "missing" (a failure only with <c>--require-all</c>).
/// Exit code 0 when every compared case passes, 1 on any failure or when nothing was compared, 2 for a usage error.
/// </remarks>
public sealed class GoldenCommand() : Command("golden", "export golden files for a port (golden export DIR) or check a port (golden check DIR)", Table)
{
    /// <summary>The option table of this command (drives the parser and the help).</summary>
    public static CommandHelp Table { get; } = new(
        "golden export DIR [--seed N] [--json] | golden check PORT_DIR [--golden DIR] [--atol A] [--rtol R] [--require-all] [--json]",
        "Export the reference backend's outputs and gradients of every node, activation, loss and optimizer step as JSON (golden export), or compare a port's files in the same schema with them (golden check); docs/porting.md has the schema and a worked exercise.",
        [
            new("seed", OptionKind.Int, "7", "the seed of the fixed inputs") { Min = 0 },
            new("golden", OptionKind.Path, "recomputed in-process", "check: the folder of golden files to compare with"),
            new("atol", OptionKind.Number, "1e-5", "check: absolute error allowed, |port − golden| ≤ atol + rtol·|golden|") { Min = 0 },
            new("rtol", OptionKind.Number, "1e-3", "check: relative error allowed") { Min = 0 },
            new("require-all", OptionKind.Flag, "", "check: a case the port has no file for is a failure"),
            new("json", OptionKind.Flag, "", "print one JSON object (export: the index written; check: one entry per case and the counts)"),
        ],
        ["golden export golden/", "golden check my-port/ --golden golden/"]);

    /// <inheritdoc/>
    protected override int Execute(CliArgs args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Positionals.Count != 2 || args.Positionals[0] is not ("export" or "check"))
        {
            throw new CliException("usage: minidl golden export DIR [--seed N] | minidl golden check PORT_DIR [--golden DIR] [--atol A] [--rtol R] [--require-all]");
        }

        var dir = args.Positionals[1];
        int seed = args.Int("seed", GoldenExport.DefaultSeed);
        bool json = args.Flag("json");
        if (args.Positionals[0] == "export")
        {
            args.RejectUnknown();
            return Export(dir, seed, json, stdout);
        }

        var goldenDir = args.String("golden");
        double atol = args.Double("atol", 1e-5), rtol = args.Double("rtol", 1e-3);
        bool requireAll = args.Flag("require-all");
        args.RejectUnknown();
        if (!Directory.Exists(dir))
        {
            throw new CliException($"no folder '{dir}'.");
        }

        var golden = goldenDir is null ? GoldenExport.All(seed) : ReadFolder(goldenDir);
        var results = GoldenCheck.CompareDirectory(golden, dir, atol, rtol).ToList();
        var unmatched = GoldenCheck.UnmatchedFiles(golden, dir).ToList();
        int failed = results.Count(r => r.Failed), ok = results.Count(r => r.Status == "ok"), missing = results.Count(r => r.Status == "missing");
        int exit = failed > 0 || ok == 0 || (requireAll && missing > 0) ? 1 : 0;
        if (json)
        {
            stdout.WriteLine(CheckJson(dir, atol, rtol, results, unmatched, ok, failed, missing));
            return exit;
        }

        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"golden check of '{dir}' against {(goldenDir ?? $"the reference backend (seed {seed})")}: |port − golden| ≤ {atol:G3} + {rtol:G3}·|golden|"));
        foreach (var r in results.Where(r => r.Status != "missing"))
        {
            stdout.WriteLine(r);
        }

        if (requireAll)
        {
            foreach (var r in results.Where(r => r.Status == "missing"))
            {
                stdout.WriteLine(r);
            }
        }

        foreach (var line in unmatched)
        {
            stdout.WriteLine($"note: {line}");
        }

        stdout.WriteLine($"{ok} passed, {failed} failed, {missing} not ported (of {results.Count} cases).");
        return exit;
    }

    /// <summary>The <c>golden check --json</c> document: the rule, one entry per case, the files that match no case, the counts.</summary>
    private static string CheckJson(string dir, double atol, double rtol, List<GoldenCheckResult> results, List<string> unmatched, int ok, int failed, int missing)
        => JsonText.Object(w =>
        {
            w.WriteString("port", dir);
            w.WriteNumber("atol", atol);
            w.WriteNumber("rtol", rtol);
            JsonText.Objects(w, "cases", results, ("name", r => r.Name), ("status", r => r.Status), ("detail", r => r.Detail));
            JsonText.Strings(w, "unmatched_files", unmatched);
            w.WriteNumber("passed", ok);
            w.WriteNumber("failed", failed);
            w.WriteNumber("missing", missing);
        });

    private static int Export(string dir, int seed, bool json, TextWriter stdout)
    {
        Directory.CreateDirectory(dir);
        var cases = GoldenExport.All(seed);
        foreach (var c in cases)
        {
            File.WriteAllText(Path.Combine(dir, c.FileName), GoldenJson.Write(c) + "\n");
        }

        var index = JsonText.Object(w =>
        {
            w.WriteString("format", GoldenJson.Format);
            w.WriteNumber("seed", seed);
            w.WriteNumber("upstream_seed", GoldenExport.UpstreamSeed);
            JsonText.Objects(w, "cases", cases, ("name", c => c.Name), ("kind", c => c.Kind), ("file", c => c.FileName));
        });
        File.WriteAllText(Path.Combine(dir, "index.json"), index + "\n");
        if (json)
        {
            stdout.WriteLine(index);
            return 0;
        }

        stdout.WriteLine($"wrote {cases.Count} golden cases ({string.Join(", ", cases.GroupBy(c => c.Kind).Select(g => $"{g.Key}: {g.Count()}"))}) and index.json to {dir}");
        return 0;
    }

    private static List<GoldenCase> ReadFolder(string dir)
    {
        var index = Path.Combine(dir, "index.json");
        if (!File.Exists(index))
        {
            throw new CliException($"'{dir}' has no index.json (write it with: minidl golden export {dir}).");
        }

        using var doc = JsonDocument.Parse(File.ReadAllText(index));
        return doc.RootElement.GetProperty("cases").EnumerateArray()
            .Select(e => Path.Combine(dir, e.GetProperty("file").GetString() ?? ""))
            .Select(path => GoldenJson.Read(File.ReadAllText(path), path))
            .ToList();
    }
}
