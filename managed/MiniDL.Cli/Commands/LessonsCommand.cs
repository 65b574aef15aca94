namespace MiniDL.Cli.Commands;

/// <summary><c>minidl lessons</c>: print every worked example of the lectures: expected vs MiniDL.</summary>
public sealed class LessonsCommand : ICommand
{
    /// <inheritdoc/>
    public string Name => "lessons";

    /// <inheritdoc/>
    public string Summary => "print every worked example of the lectures: expected vs MiniDL";

    /// <inheritdoc/>
    public int Run(CliArgs args, TextWriter stdout, TextWriter stderr)
    {
        stderr.WriteLine("minidl lessons: not implemented yet.");
        return 3;
    }
}
