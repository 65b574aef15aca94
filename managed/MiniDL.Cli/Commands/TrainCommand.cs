namespace MiniDL.Cli.Commands;

/// <summary>
/// <c>minidl train DATASET [options]</c>: train a multi-layer perceptron on digits, iris, fashion-mnist, xor, spiral
/// or a CSV file, print the test accuracy, the per-class precision / recall / F1 and the confusion matrix, and write
/// metrics.json, loss.svg, accuracy.svg, confusion.svg and model.safetensors into <c>--out</c> (default runs/DATASET).
/// </summary>
/// <remarks>
/// The options, their types, defaults and meanings are one table, <see cref="TrainOptions.Help"/>: the parser checks
/// the command line against it and <c>minidl help train</c> prints it.
/// Exit codes: 0 trained (whatever the accuracy), 1 the data or the backend is missing, 2 bad usage.
/// </remarks>
public sealed class TrainCommand() : Command("train", "train an MLP on digits, iris, fashion-mnist, xor, spiral or a CSV file", TrainOptions.Help)
{
    /// <inheritdoc/>
    protected override int Execute(CliArgs args, TextWriter stdout, TextWriter stderr)
    {
        var options = TrainOptions.Parse(args);
        TrainResult result;
        try
        {
            result = TrainRun.Execute(options, options.Json ? stderr : stdout, stderr);
        }
        catch (Exception e) when (IsDataOrEnvironmentFailure(e))
        {
            stderr.WriteLine($"minidl train: {e.Message}");
            return 1;
        }

        if (options.Json)
        {
            stdout.WriteLine(RunOutputs.SummaryJson(result));
        }
        else
        {
            WriteText(stdout, result);
        }

        return 0;
    }

    /// <summary>Failures that are not usage errors: a missing data set or file, malformed data, an unavailable backend (exit 1).</summary>
    /// <param name="e">The exception.</param>
    /// <returns>True for those.</returns>
    internal static bool IsDataOrEnvironmentFailure(Exception e) =>
        e is DatasetNotFoundException or FileNotFoundException or DirectoryNotFoundException or InvalidDataException
            or CommandFailedException or UnauthorizedAccessException;

    private static void WriteText(TextWriter w, TrainResult r)
    {
        var c = CultureInfo.InvariantCulture;
        var test = r.Data.Test;
        long correct = Enumerable.Range(0, r.Confusion.ClassCount).Sum(k => r.Confusion[k, k]);
        w.WriteLine();
        w.WriteLine($"per-class metrics on the test set ({test.Count} samples):");
        w.Write(r.Report.ToText());
        w.WriteLine();
        w.WriteLine("confusion matrix (test):");
        w.Write(r.Confusion.ToText(test.ClassNames));
        w.WriteLine();
        w.WriteLine(string.Create(c, $"epochs: {r.History.Epochs.Count}, iterations: {r.History.Iterations}, seconds per epoch: {r.SecondsPerEpoch:F3} (total {r.TotalSeconds:F1} s), backend: {r.BackendName}"));
        w.WriteLine($"checkpoint: {r.Files.Checkpoint}");
        w.WriteLine($"metrics: {r.Files.Metrics}");
        w.WriteLine(string.Create(c, $"test accuracy: {(r.Test.Accuracy ?? 0) * 100:F1}% ({correct}/{test.Count})"));
        w.WriteLine($"plots: {r.Files.PlotList}, {r.Files.ModelGraph}");
        w.WriteLine($"report: {r.Files.Report} (the run on one page: open it in a browser)");
    }
}
