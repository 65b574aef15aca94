using System.Text.Json;
using MiniDL.Lessons;


namespace MiniDL.Cli.Commands;

/// <summary>
/// <c>minidl lessons [--backend NAME] [--json]</c>: runs every worked example of the lectures
/// (<see cref="WorkedExamples"/>) and prints the lecture's number next to MiniDL's. Exit code 1 if any disagrees.
/// </summary>
public sealed class LessonsCommand() : Command("lessons", "print every worked example of the lectures: expected vs MiniDL", Table)
{
    /// <summary>The option table of this command (drives the parser and the help).</summary>
    public static CommandHelp Table { get; } = new(
        "lessons [--backend NAME] [--json]",
        "Run every worked example of the lectures and print the lecture's number next to MiniDL's. Exit code 1 if any disagrees.",
        [
            new("backend", OptionKind.Choice, "reference", "where the numbers are computed") { Choices = TrainOptions.BackendNames },
            new("json", OptionKind.Flag, "", "print one JSON array of the checks"),
        ],
        ["lessons", "lessons --json"]);

    /// <inheritdoc/>
    protected override int Execute(CliArgs args, TextWriter stdout, TextWriter stderr)
    {
        var backendName = args.String("backend", "reference")!;
        bool json = args.Flag("json");
        args.RejectUnknown();
        if (args.Positionals.Count > 0)
        {
            throw new CliException($"unexpected argument(s): {string.Join(" ", args.Positionals)}.");
        }

        if (!BackendRegistry.TryCreate(backendName, DType.Float64, out var backend, out var reason))
        {
            throw new CliException(reason);
        }

        var checks = WorkedExamples.All(backend);
        if (json)
        {
            stdout.WriteLine(ToJson(checks));
        }
        else
        {
            PrintTable(checks, backend!, stdout);
        }

        return checks.All(c => c.Passed) ? 0 : 1;
    }

    /// <summary>
    /// One JSON array with an object per check: <c>{example, lecture, quantity, expected, actual, passed}</c>
    /// (written with <see cref="Utf8JsonWriter"/>, no reflection, so the trimmed CLI keeps working).
    /// </summary>
    /// <param name="checks">The checks to write.</param>
    public static string ToJson(IEnumerable<LessonCheck> checks)
    {
        return RunOutputs.Json(j =>
        {
            j.WriteStartArray();
            foreach (var c in checks)
            {
                j.WriteStartObject();
                j.WriteString("example", c.Example);
                j.WriteString("lecture", c.Lecture);
                j.WriteString("quantity", c.Quantity);
                j.WriteNumber("expected", c.Expected);
                j.WriteBoolean("derived", c.Derived); // not printed by the lecture: worked by hand from its graph
                RunOutputs.Number(j, "actual", c.Actual); // null for NaN or infinity (JSON has neither): the check fails
                j.WriteNumber("tolerance", c.Tolerance);
                j.WriteBoolean("passed", c.Passed);
                j.WriteEndObject();
            }

            j.WriteEndArray();
        });
    }

    private static void PrintTable(IReadOnlyList<LessonCheck> checks, IBackend backend, TextWriter w)
    {
        w.WriteLine($"Worked examples of the lectures on backend '{backend.Name}' ({backend.DType}); the lectures are listed in docs/lectures.md");
        int exampleWidth = Math.Max("example".Length, checks.Max(c => c.Example.Length + c.Lecture.Length + 3));
        int quantityWidth = Math.Max("quantity".Length, checks.Max(c => c.Quantity.Length));
        w.WriteLine($"{"example".PadRight(exampleWidth)}  {"quantity".PadRight(quantityWidth)}  {"lecture",10}  {"MiniDL",12}  ok");
        string? last = null;
        foreach (var c in checks)
        {
            string example = c.Example == last ? string.Empty : $"{c.Example} ({c.Lecture})";
            last = c.Example;
            w.WriteLine($"{example.PadRight(exampleWidth)}  {c.Quantity.PadRight(quantityWidth)}  {(c.Derived ? "*" + c.ExpectedText : c.ExpectedText),10}  {c.ActualText,12}  {(c.Passed ? "ok" : "FAIL")}");
        }

        int passed = checks.Count(c => c.Passed);
        w.WriteLine($"{passed}/{checks.Count} numbers agree with the lectures at the digits they print.");
        if (checks.Any(c => c.Derived))
        {
            w.WriteLine("* not printed by the lecture (it asks for it): worked by hand from the lecture's graph.");
        }
    }
}
