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
        catch (CliException e)
        {
            stderr.WriteLine($"minidl {command.Name}: {e.Message}");
            return 2;
        }
    }

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
