namespace MiniDL.Cli.Commands;

/// <summary><c>minidl eval</c>: score a saved checkpoint on a data set.</summary>
public sealed class EvalCommand : ICommand
{
    /// <inheritdoc/>
    public string Name => "eval";

    /// <inheritdoc/>
    public string Summary => "score a saved checkpoint on a data set";

    /// <inheritdoc/>
    public int Run(CliArgs args, TextWriter stdout, TextWriter stderr)
    {
        stderr.WriteLine("minidl eval: not implemented yet.");
        return 3;
    }
}
