namespace MiniDL.Cli.Commands;

/// <summary><c>minidl bench</c>: benchmark kernels and a training epoch on every backend.</summary>
public sealed class BenchCommand : ICommand
{
    /// <inheritdoc/>
    public string Name => "bench";

    /// <inheritdoc/>
    public string Summary => "benchmark kernels and a training epoch on every backend";

    /// <inheritdoc/>
    public int Run(CliArgs args, TextWriter stdout, TextWriter stderr)
    {
        stderr.WriteLine("minidl bench: not implemented yet.");
        return 3;
    }
}
