namespace MiniDL.Cli.Commands;

/// <summary><c>minidl example</c>: run one of the lectures' examples (xor, house-prices, spam, bumps, svm-vs-softmax).</summary>
public sealed class ExampleCommand : ICommand
{
    /// <inheritdoc/>
    public string Name => "example";

    /// <inheritdoc/>
    public string Summary => "run one of the lectures' examples (xor, house-prices, spam, bumps, svm-vs-softmax)";

    /// <inheritdoc/>
    public int Run(CliArgs args, TextWriter stdout, TextWriter stderr)
    {
        stderr.WriteLine("minidl example: not implemented yet.");
        return 3;
    }
}
