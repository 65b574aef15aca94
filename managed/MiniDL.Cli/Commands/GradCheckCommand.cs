namespace MiniDL.Cli.Commands;

/// <summary><c>minidl gradcheck</c>: check every node, activation and loss against finite differences.</summary>
public sealed class GradCheckCommand : ICommand
{
    /// <inheritdoc/>
    public string Name => "gradcheck";

    /// <inheritdoc/>
    public string Summary => "check every node, activation and loss against finite differences";

    /// <inheritdoc/>
    public int Run(CliArgs args, TextWriter stdout, TextWriter stderr)
    {
        stderr.WriteLine("minidl gradcheck: not implemented yet.");
        return 3;
    }
}
