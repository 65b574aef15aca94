using System.Text.Json;
using MiniDL.GradCheck;


namespace MiniDL.Cli.Commands;

/// <summary>
/// <c>minidl gradcheck [--backend NAME] [--seed N] [--json]</c>: checks every node, activation and loss of
/// <see cref="GradCheckSuite"/> against central differences, in float64, and prints one line per check.
/// </summary>
/// <remarks>
/// The backend comes from <c>--backend</c>, else the environment variable <c>MINIDL_BACKEND</c>, else "reference".
/// Gradient checks always run in float64 (in float32 rounding swamps the O(h²) accuracy of central differences).
/// Exit code 0 when every check passes, 1 when any fails, 2 for a usage error (e.g. an unknown backend).
/// With <c>--json</c> stdout is one JSON array of <c>{name, shapes, maxAbsError, maxRelError, band, passed}</c>
/// (a non-finite error is written as <c>null</c>, which JSON has no number for).
/// </remarks>
public sealed class GradCheckCommand() : Command("gradcheck", "check every node, activation and loss against finite differences", Table)
{
    /// <summary>The option table of this command (drives the parser and the help).</summary>
    public static CommandHelp Table { get; } = new(
        "gradcheck [--backend NAME] [--seed N] [--json]",
        "Check every node, activation and loss against central differences (float64), one line per check. Exit code 1 if any fails.",
        [
            new("backend", OptionKind.Choice, "$MINIDL_BACKEND, else reference", "where the numbers are computed") { Choices = TrainOptions.BackendNames },
            new("seed", OptionKind.Int, "7", "seed of the random inputs"),
            new("json", OptionKind.Flag, "", "print one JSON array of {name, shapes, maxAbsError, maxRelError, band, passed}"),
        ],
        ["gradcheck", "gradcheck --backend cpu --seed 3"]);

    /// <inheritdoc/>
    protected override int Execute(CliArgs args, TextWriter stdout, TextWriter stderr)
    {
        var backendName = args.String("backend") ?? Environment.GetEnvironmentVariable("MINIDL_BACKEND") ?? "reference";
        if (string.IsNullOrWhiteSpace(backendName))
        {
            backendName = "reference";
        }

        int seed = args.Int("seed", 7);
        bool json = args.Flag("json");
        args.RejectUnknown();
        if (args.Positionals.Count > 0)
        {
            throw new CliException($"unexpected argument(s): {string.Join(" ", args.Positionals)}.");
        }

        if (!BackendRegistry.TryCreate(backendName, DType.Float64, out var backend, out var reason) || backend is null)
        {
            throw new CliException($"cannot use backend '{backendName}': {reason}");
        }

        var reports = GradCheckSuite.Run(backend, seed).ToList();
        if (json)
        {
            stdout.WriteLine(ToJson(reports));
        }
        else
        {
            PrintTable(reports, backend, seed, stdout);
        }

        return reports.All(r => r.Passed) ? 0 : 1;
    }

    /// <summary>The reports as one JSON array (written with <see cref="Utf8JsonWriter"/>: no reflection, trimming-safe).</summary>
    /// <param name="reports">The suite's reports.</param>
    public static string ToJson(IEnumerable<GradCheckReport> reports)
    {
        return RunOutputs.Json(j =>
        {
            j.WriteStartArray();
            foreach (var r in reports)
            {
                j.WriteStartObject();
                j.WriteString("name", r.Name);
                j.WriteString("shapes", r.Shapes);
                RunOutputs.Number(j, "maxAbsError", r.MaxAbsoluteError);
                RunOutputs.Number(j, "maxRelError", r.MaxRelativeError);
                j.WriteString("band", r.Band.ToString());
                j.WriteBoolean("passed", r.Passed);
                j.WriteEndObject();
            }

            j.WriteEndArray();
        });
    }

    private static void PrintTable(List<GradCheckReport> reports, IBackend backend, int seed, TextWriter w)
    {
        var inv = CultureInfo.InvariantCulture;
        w.WriteLine($"gradient check on backend '{backend.Name}' ({backend.DType}), seed {seed}: |analytic − numeric| ≤ atol + rtol·|numeric|");
        int nameWidth = Math.Max(4, reports.Count == 0 ? 0 : reports.Max(r => r.Name.Length));
        int shapeWidth = Math.Max(6, reports.Count == 0 ? 0 : reports.Max(r => r.Shapes.Length));
        w.WriteLine($"{"name".PadRight(nameWidth)}  {"shapes".PadRight(shapeWidth)}  {"max abs err",11}  {"max rel err",11}  {"band",-13}  ok");
        foreach (var r in reports)
        {
            w.WriteLine(string.Create(inv, $"{r.Name.PadRight(nameWidth)}  {r.Shapes.PadRight(shapeWidth)}  {r.MaxAbsoluteError,11:E2}  {r.MaxRelativeError,11:E2}  {r.Band,-13}  {(r.Passed ? "ok" : "FAIL")}"));
        }

        int failed = reports.Count(r => !r.Passed);
        w.WriteLine();
        w.WriteLine(failed == 0
            ? $"{reports.Count} checks, all passed."
            : $"{reports.Count} checks, {failed} FAILED: {string.Join(", ", reports.Where(r => !r.Passed).Select(r => r.Name))}");
        foreach (var r in reports.Where(r => !r.Passed))
        {
            w.WriteLine("  " + r);
        }
    }
}
