using MiniDL.Cli;
using MiniDL.Tests.TestSupport;

namespace MiniDL.Tests.Cli;

/// <summary>
/// Issue 11, items 2 and 5: every command's help is generated from its option table and lists every option with its
/// type, default and meaning; malformed command lines are rejected with one line and exit code 2 before any work.
/// </summary>
[TestFixture]
public class HelpAndUsageTests : CliTestBase
{
    private static IEnumerable<string> CommandNames => Program.Commands.Select(c => c.Name);

    [TestCaseSource(nameof(CommandNames))]
    public void Table_EveryCommand_HasTheJsonSwitchTheReadmePromises(string name)
    {
        var json = Program.Commands.Single(c => c.Name == name).Help.Find("json");
        Assert.That(json, Is.Not.Null, $"minidl {name} has no --json (README: every command takes --json)");
        Assert.That(json!.Kind, Is.EqualTo(OptionKind.Flag));
    }

    [TestCaseSource(nameof(CommandNames))]
    public void Help_EveryCommand_ListsEveryOptionOfItsTable(string name)
    {
        var command = Program.Commands.Single(c => c.Name == name);
        var (exit, stdout, stderr) = Run("help", name);
        var (exit2, stdout2, _) = Run(name, "--help");

        var optionLines = stdout.Split('\n').Where(l => l.StartsWith("  --", StringComparison.Ordinal)).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(0), stderr);
            Assert.That(exit2, Is.EqualTo(0));
            Assert.That(stdout2, Is.EqualTo(stdout), "minidl help COMMAND and minidl COMMAND --help print the same");
            Assert.That(stdout, Does.StartWith("usage: minidl " + name));
            Assert.That(stdout, Does.Contain("  minidl " + name), "an example");
            Assert.That(optionLines, Has.Count.EqualTo(command.Help.Options.Count + 1), "one line per option, plus --help");
            foreach (var option in command.Help.Options)
            {
                var line = optionLines.SingleOrDefault(l => l.StartsWith("  " + CommandHelp.OptionColumn(option) + " ", StringComparison.Ordinal));
                Assert.That(line, Is.Not.Null, $"--{option.Name} has a help line");
                if (line is null)
                {
                    continue;
                }

                Assert.That(line, Does.Contain(option.Help), $"--{option.Name}'s meaning");
                if (option.Kind != OptionKind.Flag)
                {
                    Assert.That(line, Does.Contain("default: " + option.Default), $"--{option.Name}'s default");
                    Assert.That(line, Does.Contain(option.TypeText), $"--{option.Name}'s type");
                }

                if (option.RangeText.Length > 0)
                {
                    Assert.That(line, Does.Contain(option.RangeText), $"--{option.Name}'s range");
                }
            }
        });
    }

    [Test]
    public void Help_NoCommand_SaysHowToListTheOptions()
    {
        var (exit, stdout, _) = Run("help");

        Assert.That(exit, Is.EqualTo(0));
        Assert.That(stdout, Does.Contain("minidl help COMMAND"));
    }

    [TestCase("help", "trian")]
    [TestCase("help", "nosuchcommand")]
    public void Help_UnknownCommand_ExitsTwoWithOneLine(string help, string name)
    {
        var (exit, stdout, stderr) = Run(help, name);

        Assert.That(exit, Is.EqualTo(2));
        Assert.That(stdout, Is.Empty);
        Assert.That(stderr.Trim().Split('\n'), Has.Length.EqualTo(1));
    }

    /// <summary>Malformed command lines: each gets exactly one error line naming what is wrong, and exit code 2.</summary>
    private static readonly object[] Malformed =
    [
        new object[] { new[] { "train", "xor", "--hiden", "8" }, "did you mean --hidden?" },
        new object[] { new[] { "train", "xor", "--epoch", "3" }, "did you mean --epochs?" },
        new object[] { new[] { "train", "xor", "--zzzzzzzz" }, "unknown option --zzzzzzzz" },
        new object[] { new[] { "train", "xor", "--lr" }, "--lr needs a value (number)" },
        new object[] { new[] { "train", "xor", "--lr", "--json" }, "--lr needs a value" },
        new object[] { new[] { "train", "xor", "--lr", "fast" }, "--lr expects a number, got 'fast'" },
        new object[] { new[] { "train", "xor", "--epochs", "2.5" }, "--epochs expects an integer, got '2.5'" },
        new object[] { new[] { "train", "xor", "--dropout", "1" }, "--dropout must be in [0, 1), got 1" },
        new object[] { new[] { "train", "xor", "--lr", "-0.1" }, "--lr must be > 0" },
        new object[] { new[] { "train", "xor", "--maxout", "99" }, "--maxout must be in [0, 16], got 99" },
        new object[] { new[] { "train", "xor", "--epochs", "1", "--epochs", "2" }, "--epochs is given twice" },
        new object[] { new[] { "train", "xor", "--json=yes" }, "--json is a switch" },
        new object[] { new[] { "train", "xor", "--init", "zeros" }, "--init unknown 'zeros'" },
        new object[] { new[] { "train", "xor", "--loss", "hinge" }, "--loss unknown 'hinge'" },
        new object[] { new[] { "train", "xor", "--sampling", "smote" }, "--sampling unknown 'smote'" },
        new object[] { new[] { "train", "xor", "--clip-norm", "1", "--clip-value", "1" }, "give one" },
        new object[] { new[] { "train", "xor", "--elastic-lambda", "0.1", "--l1", "0.1" }, "not both" },
        new object[] { new[] { "train", "xor", "--maxout", "2", "--activation", "tanh" }, "--maxout replaces the hidden activation" },
        new object[] { new[] { "train", "xor", "--beta", "0" }, "--beta must be > 0" },
        new object[] { new[] { "train", "nosuchset" }, "unknown data set 'nosuchset'" },
        new object[] { new[] { "train", "digit" }, "unknown data set 'digit'; did you mean 'digits'?" },
        new object[] { new[] { "train", "xor", "--learning-rate", "0.1" }, "unknown option --learning-rate; did you mean --lr?" },
        new object[] { new[] { "train", "xor", "--batch-size", "8" }, "unknown option --batch-size; did you mean --batch?" },
        new object[] { new[] { "train" }, "name a data set" },
        new object[] { new[] { "trian", "xor" }, "did you mean 'train'?" },
        new object[] { new[] { "eval", "model.safetensors", "--beta", "-1" }, "--beta must be > 0" },
        new object[] { new[] { "eval", "model.safetensors", "--backend", "gpu" }, "--backend unknown 'gpu'" },
        new object[] { new[] { "gradcheck", "--seed", "x" }, "--seed expects an integer" },
        new object[] { new[] { "bench", "--repetitions", "0" }, "--repetitions must be >= 1" },
        new object[] { new[] { "graph", "mlp", "--fusd" }, "did you mean --fused?" },
        new object[] { new[] { "lessons", "--jsn" }, "did you mean --json?" },
    ];

    [TestCaseSource(nameof(Malformed))]
    public void Run_MalformedCommandLine_OneLineAndExitTwo(string[] args, string message)
    {
        // train's lines name an output folder of their own, so a line that wrongly ran would not write into runs/.
        var (exit, stdout, stderr) = Run(args[0] == "train" ? [.. args, "--out", Dir] : args);
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(2), stderr);
            Assert.That(lines, Has.Length.EqualTo(1), stderr);
            Assert.That(stderr, Does.Contain(message));
            Assert.That(stdout, Is.Empty, "no work started");
            Assert.That(Directory.Exists(Dir), Is.False, "nothing written");
        });
    }

    [TestCase("hidden", "hiden", ExpectedResult = 1)]
    [TestCase("epochs", "epochs", ExpectedResult = 0)]
    [TestCase("kitten", "sitting", ExpectedResult = 3)]
    [TestCase("", "abc", ExpectedResult = 3)]
    public int EditDistance_Pairs_Levenshtein(string a, string b) => CommandHelp.EditDistance(a, b);

    [Test]
    public void Closest_FarWord_Null()
        => Assert.That(CommandHelp.Closest("zzzzzzzz", ["hidden", "epochs"]), Is.Null);

    [Test]
    public void Parse_OptionReadButNotInTable_Throws()
    {
        var args = CliArgs.Parse([], new CommandHelp("x", "x", [], []), "x");

        Assert.Throws<InvalidOperationException>(() => args.Flag("json"));
    }
}
