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

/// <summary>A usage error: printed as one line, exit code 2.</summary>
public sealed class CliException(string message) : Exception(message);
