namespace MiniDL.Cli.Training;

/// <summary>
/// The backend a training or evaluation command runs on: <c>--backend</c>, else <c>MINIDL_BACKEND</c>, else "auto".
/// Native backends (cpu, cuda) run in float32; the reference backend is always float64.
/// </summary>
public static class BackendChoice
{
    /// <summary>Creates the backend and writes <see cref="BackendRegistry.Describe"/>'s one line to <paramref name="log"/>.</summary>
    /// <param name="kind">reference, cpu, cuda or auto.</param>
    /// <param name="log">Where the one-line choice goes (stderr).</param>
    /// <returns>The backend and its description.</returns>
    /// <exception cref="CliException">The name is not known (exit 2).</exception>
    /// <exception cref="CommandFailedException">The backend is not available here (exit 1, with the reason).</exception>
    public static (IBackend Backend, string Description) Resolve(string kind, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(log);
        if (!TrainOptions.BackendNames.Contains(kind))
        {
            throw new CliException($"--backend unknown '{kind}' (use {string.Join(", ", TrainOptions.BackendNames)}).");
        }

        if (!BackendRegistry.TryCreate(kind, DType.Float32, out var backend, out var reason))
        {
            throw new CommandFailedException($"backend '{kind}' is not available: {reason}");
        }

        var description = BackendRegistry.Describe(kind, DType.Float32);
        log.WriteLine(description);
        return (backend!, description);
    }
}

/// <summary>A command failed for a reason that is not a usage error (a missing data set or file, an unavailable backend): exit code 1.</summary>
/// <param name="message">What went wrong and how to fix it.</param>
public sealed class CommandFailedException(string message) : Exception(message);
