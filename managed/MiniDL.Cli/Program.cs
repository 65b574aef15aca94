using MiniDL.Cli.Commands;

namespace MiniDL.Cli;

/// <summary>The <c>minidl</c> command: <c>minidl COMMAND [arguments] [--options]</c>.</summary>
public static class Program
{
    /// <summary>Every command, in the order <c>minidl help</c> lists them.</summary>
    public static IReadOnlyList<ICommand> Commands { get; } =
    [
        new LessonsCommand(),
        new GradCheckCommand(),
        new TrainCommand(),
        new EvalCommand(),
        new ExampleCommand(),
        new GraphCommand(),
        new InfoCommand(),
        new BenchCommand(),
        new GoldenCommand(),
        new ExportCommand(),
    ];

    /// <summary>Entry point; returns the process exit code (0 = everything passed).</summary>
    public static int Main(string[] args) => Run(args, Console.Out, Console.Error);

    /// <summary>Runs a command line with the given writers (tests call this in-process).</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Length == 0 || args[0] is "help" or "--help" or "-h")
        {
            if (args.Length >= 2 && args[0] == "help")
            {
                if (Find(args[1], stderr) is not { } asked)
                {
                    return 2;
                }

                stdout.Write(asked.Help.Render());
                return 0;
            }

            PrintHelp(stdout);
            return args.Length == 0 ? 2 : 0;
        }

        if (Find(args[0], stderr) is not { } command)
        {
            return 2;
        }

        if (args.Skip(1).Any(a => a is "--help" or "-h"))
        {
            stdout.Write(command.Help.Render());
            return 0;
        }

        try
        {
            return command.Run(CliArgs.Parse(args.Skip(1), command.Help, command.Name), stdout, stderr);
        }
        catch (Exception e)
        {
            var (exit, message) = Describe(e);
            stderr.WriteLine($"minidl {command.Name}: {message}");
            return exit;
        }
    }

    /// <summary>
    /// The one top-level mapping from an exception to an exit code and a one-line message (no stack trace):
    /// usage errors (<see cref="CliException"/>) exit 2; bad or missing data, files, checkpoints, backends and a
    /// diverged run exit 1; anything else is a bug in MiniDL and exits 3 with a one-line bug-report message naming
    /// the exception type.
    /// </summary>
    /// <param name="e">The exception.</param>
    /// <returns>The exit code and the message.</returns>
    public static (int Exit, string Message) Describe(Exception e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return e switch
        {
            CliException => (2, OneLine(e.Message)),
            MiniDL.Training.TrainingDivergedException => (1, OneLine(e.Message)),
            InvalidDataException or CommandFailedException or IOException or UnauthorizedAccessException
                => (1, OneLine(e.Message)),
            OutOfMemoryException
                => (1, OneLine($"out of memory ({e.GetType().Name}): {e.Message} Try a smaller model (--hidden), a smaller --batch or a smaller data set.")),
            _ => (3, OneLine($"internal error, please report this bug: {e.GetType().FullName}: {e.Message}")),
        };
    }

    /// <summary>The message on one line (line breaks become spaces).</summary>
    /// <param name="message">The message.</param>
    /// <returns>One line.</returns>
    public static string OneLine(string message) =>
        string.Join(' ', (message ?? "").Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    /// <summary>The command named <paramref name="name"/>; else writes a one-line error with a "did you mean" and returns null.</summary>
    private static ICommand? Find(string name, TextWriter stderr)
    {
        var command = Commands.FirstOrDefault(c => c.Name == name);
        if (command is null)
        {
            var guess = CommandHelp.Closest(name, Commands.Select(c => c.Name));
            stderr.WriteLine(guess is null
                ? $"minidl: unknown command '{name}' (use {string.Join(", ", Commands.Select(c => c.Name))}; minidl help lists them)."
                : $"minidl: unknown command '{name}'; did you mean '{guess}'? (minidl help lists the commands)");
        }

        return command;
    }

    private static void PrintHelp(TextWriter w)
    {
        w.WriteLine("MiniDL — a deep-learning library you can read beside the lectures.");
        w.WriteLine("usage: minidl COMMAND [arguments] [--options]");
        foreach (var c in Commands)
        {
            w.WriteLine($"  {c.Name,-10} {c.Summary}");
        }

        w.WriteLine("minidl help COMMAND (or minidl COMMAND --help) lists the command's options.");
    }
}
