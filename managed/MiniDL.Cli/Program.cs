using MiniDL.Cli.Commands;
using MiniDL.Cli.Training;

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
            PrintHelp(stdout);
            return args.Length == 0 ? 2 : 0;
        }

        var command = Commands.FirstOrDefault(c => c.Name == args[0]);
        if (command is null)
        {
            stderr.WriteLine($"minidl: unknown command '{args[0]}'.");
            PrintHelp(stderr);
            return 2;
        }

        try
        {
            return command.Run(CliArgs.Parse(args.Skip(1)), stdout, stderr);
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

    private static void PrintHelp(TextWriter w)
    {
        w.WriteLine("MiniDL — a deep-learning library you can read beside the lectures.");
        w.WriteLine("usage: minidl COMMAND [arguments] [--options]");
        foreach (var c in Commands)
        {
            w.WriteLine($"  {c.Name,-10} {c.Summary}");
        }
    }
}
