using MiniDL.Cli;

namespace MiniDL.Tests.TestSupport;

/// <summary>
/// Shared scaffolding of the CLI tests: a fresh temporary output folder per test (<see cref="Dir"/>, deleted
/// afterwards) and <see cref="Run"/>, which runs <c>minidl</c> in-process and captures both streams.
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
}
