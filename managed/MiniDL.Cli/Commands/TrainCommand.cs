namespace MiniDL.Cli.Commands;

/// <summary><c>minidl train</c>: train a model on a data set.</summary>
public sealed class TrainCommand : ICommand
{
    /// <inheritdoc/>
    public string Name => "train";

    /// <inheritdoc/>
    public string Summary => "train a model on a data set";

    /// <inheritdoc/>
    public int Run(CliArgs args, TextWriter stdout, TextWriter stderr)
    {
        stderr.WriteLine("minidl train: not implemented yet.");
        return 3;
    }
}
