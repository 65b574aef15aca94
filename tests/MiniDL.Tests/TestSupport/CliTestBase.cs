using System.Text.Json;
using MiniDL.Cli;

namespace MiniDL.Tests.TestSupport;

/// <summary>
/// Shared scaffolding of the CLI tests: a fresh temporary output folder per test (<see cref="Dir"/>, deleted
/// afterwards); <see cref="Run"/>, which runs <c>minidl</c> in-process and captures both streams; <see cref="RunJson"/>
/// for a run that must succeed and print JSON; <see cref="AssertExitSaying"/> for a run that must fail.
/// </summary>
public abstract class CliTestBase : TemporaryFolderTest
{
    /// <summary>The test's own temporary folder (not created: the command under test creates it).</summary>
    protected string Dir => Folder;

    /// <inheritdoc/>
    protected override bool CreateFolder => false;

    /// <summary>Runs <c>minidl ARGS</c> in-process; returns the exit code and what it printed.</summary>
    protected static (int Exit, string Stdout, string Stderr) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int exit = Program.Run(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Runs <c>minidl ARGS</c>, which must exit 0 (else the test fails showing what it printed), and parses its standard output as one JSON document.</summary>
    protected static JsonDocument RunJson(params string[] args)
    {
        var (exit, stdout, stderr) = Run(args);
        Assert.That(exit, Is.EqualTo(0), stderr + stdout);
        return JsonDocument.Parse(stdout);
    }

    /// <summary>
    /// Runs a command line as typed (words split at spaces, <c>{dir}</c> standing for <see cref="Dir"/>): it must exit
    /// with <paramref name="exit"/>, and its standard error must contain every fragment.
    /// </summary>
    protected void AssertExitSaying(string commandLine, int exit, params string[] fragments)
    {
        var (actual, _, stderr) = Run(commandLine.Split(' ').Select(word => word.Replace("{dir}", Dir, StringComparison.Ordinal)).ToArray());
        Assert.Multiple(() =>
        {
            Assert.That(actual, Is.EqualTo(exit), stderr);
            foreach (var fragment in fragments)
            {
                Assert.That(stderr, Does.Contain(fragment));
            }
        });
    }
}
