using MiniDL.Cli.Examples;

namespace MiniDL.Cli.Commands;

/// <summary>
/// <c>minidl example NAME [--out DIR] [--backend B] [--json]</c>: run one of the lectures' examples — xor, house-prices,
/// spam, bumps, svm-vs-softmax, delta-rule. Each prints what it computed and checks the lecture's claim: exit 0 when it holds,
/// 1 when it does not, 2 for bad usage. Plots go to <c>--out</c> (default runs/examples/NAME). The examples run on the
/// reference backend unless <c>--backend</c> says otherwise (they are tiny, and float64 makes the comparisons exact).
/// </summary>
public sealed class ExampleCommand() : Command("example", "run one of the lectures' examples (xor, house-prices, spam, bumps, svm-vs-softmax, delta-rule)", Table)
{
    /// <summary>The examples by name, with a one-line description.</summary>
    public static IReadOnlyList<(string Name, string Description, Func<ExampleContext, ExampleResult> Run)> Examples { get; } =
    [
        ("xor", "lesson 7: logistic regression fails on XOR, one hidden layer solves it (decision-boundary SVGs)", XorExample.Run),
        ("house-prices", "lesson 7: gradient descent vs the normal equations on area → price", HousePricesExample.Run),
        ("spam", "lesson 7: logistic regression on the count of \"sale\"", SpamExample.Run),
        ("bumps", "lesson 7: pairs of sigmoid units approximate a 1-D function (SVG)", BumpsExample.Run),
        ("delta-rule", "lesson 7: the delta rule neuron by neuron equals graph backpropagation; train XOR to a target accuracy", DeltaRuleExample.Run),
        ("svm-vs-softmax", "lesson 1: hinge loss vs softmax cross-entropy (1.58 and 1.04), and a linear classifier on Iris", SvmVsSoftmaxExample.Run),
    ];

    /// <summary>The option table of this command (drives the parser and the help).</summary>
    public static CommandHelp Table { get; } = new(
        "example NAME [--out DIR] [--backend NAME] [--json]",
        "Run one of the lectures' examples and check the lecture's claim: exit 0 when it holds, 1 when it does not.",
        [
            new("out", OptionKind.Path, "runs/examples/NAME", "folder of the plots"),
            new("backend", OptionKind.Choice, "reference", "where the numbers are computed") { Choices = TrainOptions.BackendNames },
            new("json", OptionKind.Flag, "", "print one JSON object"),
        ],
        ["example xor", "example svm-vs-softmax --json"])
    {
        Arguments = [.. Examples.Select(e => $"{e.Name,-15} {e.Description}")],
    };

    /// <inheritdoc/>
    protected override int Execute(CliArgs args, TextWriter stdout, TextWriter stderr)
    {
        bool json = args.Flag("json");
        var outDirectory = args.String("out");
        var backendName = args.String("backend") ?? "reference";
        args.RejectUnknown();
        var names = string.Join(", ", Examples.Select(e => e.Name));
        if (args.Positionals.Count != 1)
        {
            throw new CliException($"name one example: {names} (usage: minidl {Table.Usage}).");
        }

        var name = args.Positionals[0];
        var example = Examples.FirstOrDefault(e => e.Name == name);
        if (example.Run is null)
        {
            throw new CliException($"unknown example '{name}' (use {names}).");
        }

        ExampleResult result;
        try
        {
            var (backend, _) = BackendChoice.Resolve(backendName, stderr);
            result = example.Run(new ExampleContext(backend, outDirectory ?? Path.Combine("runs", "examples", name)));
        }
        catch (CommandFailedException e)
        {
            stderr.WriteLine($"minidl example: {e.Message}");
            return 1;
        }

        if (json)
        {
            stdout.WriteLine(result.ToJson());
        }
        else
        {
            stdout.WriteLine($"example {result.Name}: {example.Description}");
            foreach (var line in result.Lines)
            {
                stdout.WriteLine(line);
            }

            foreach (var file in result.Files)
            {
                stdout.WriteLine($"wrote {file}");
            }

            stdout.WriteLine($"claim: {result.Claim} — {(result.Passed ? "holds" : "FAILED")}");
        }

        if (!result.Passed)
        {
            stderr.WriteLine($"minidl example {result.Name}: the claim failed: {result.Claim}.");
        }

        return result.Passed ? 0 : 1;
    }
}
