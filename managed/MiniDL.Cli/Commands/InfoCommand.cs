namespace MiniDL.Cli.Commands;

/// <summary><c>minidl info</c>: list the backends found, the native library and the GPU.</summary>
public sealed class InfoCommand : ICommand
{
    /// <inheritdoc/>
    public string Name => "info";

    /// <inheritdoc/>
    public string Summary => "list the backends found, the native library and the GPU";

    /// <inheritdoc/>
    public int Run(CliArgs args, TextWriter stdout, TextWriter stderr)
    {
        stderr.WriteLine("minidl info: not implemented yet.");
        return 3;
    }
}
