namespace MiniDL.Cli;

/// <summary>One <c>minidl</c> sub-command.</summary>
public interface ICommand
{
    /// <summary>The word after <c>minidl</c>.</summary>
    string Name { get; }

    /// <summary>One line for the help.</summary>
    string Summary { get; }

    /// <summary>The option table (the parser checks the command line against it) and the help generated from it.</summary>
    CommandHelp Help { get; }

    /// <summary>Runs the command; returns the exit code (non-zero if anything failed).</summary>
    int Run(CliArgs args, TextWriter stdout, TextWriter stderr);
}

/// <summary>
/// The base of every sub-command: its name, its help line and its option table are given once to the constructor;
/// <see cref="Run"/> checks the arguments and calls <see cref="Execute"/>.
/// </summary>
/// <param name="name">The word after <c>minidl</c>.</param>
/// <param name="summary">One line for the help.</param>
/// <param name="help">The option table.</param>
public abstract class Command(string name, string summary, CommandHelp help) : ICommand
{
    /// <inheritdoc/>
    public string Name { get; } = name;

    /// <inheritdoc/>
    public string Summary { get; } = summary;

    /// <inheritdoc/>
    public CommandHelp Help { get; } = help;

    /// <inheritdoc/>
    public int Run(CliArgs args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        return Execute(args, stdout, stderr);
    }

    /// <summary>The command's work, once the arguments are known to be there.</summary>
    /// <param name="args">The parsed command line, checked against <see cref="Help"/>.</param>
    /// <param name="stdout">Where results go.</param>
    /// <param name="stderr">Where progress and problems go.</param>
    /// <returns>The exit code (non-zero if anything failed).</returns>
    protected abstract int Execute(CliArgs args, TextWriter stdout, TextWriter stderr);
}

/// <summary>A usage error: printed as one line, exit code 2.</summary>
public sealed class CliException(string message) : Exception(message);
