using System.Diagnostics;

namespace MiniDL.Cli.Training;

/// <summary>
/// Training progress: on a terminal a bar redrawn in place with <c>\r</c> (epoch k/N, batch i/B, the last epoch's
/// loss), plus one summary line per epoch; elsewhere (a pipe, a file, CI) only the summary lines
/// (epoch, iterations, train loss and accuracy, validation loss and accuracy, learning rate, seconds).
/// </summary>
/// <remarks>
/// The trainer records each step's graph once and replays it, so there is no per-batch callback; the bar is redrawn
/// five times a second from a timer that reads the optimizer's step counter (<see cref="MiniDL.Optimizers.Optimizer.Steps"/>),
/// which touches no backend data. The loss shown is the previous epoch's mean (reading a batch loss would need the
/// backend, from another thread).
/// </remarks>
public sealed class ProgressReporter : IDisposable
{
    private const int BarWidth = 24;
    private readonly TextWriter _writer;
    private readonly int _epochs;
    private readonly int _batches;
    private readonly Func<long> _steps;
    private readonly Lock _gate = new();
    private readonly Timer? _timer;
    private long _epochStartSteps;
    private int _epoch = 1;
    private double? _lastLoss;
    private bool _barShown;

    /// <summary>Creates the reporter (and, when interactive, starts the bar's timer).</summary>
    /// <param name="writer">Where progress goes (stdout, or stderr with <c>--json</c>).</param>
    /// <param name="interactive">Whether <paramref name="writer"/> is a terminal (draw the bar).</param>
    /// <param name="epochs">Epochs planned.</param>
    /// <param name="batchesPerEpoch">Updates per epoch.</param>
    /// <param name="steps">Reads the number of updates so far (the optimizer's step counter).</param>
    public ProgressReporter(TextWriter writer, bool interactive, int epochs, int batchesPerEpoch, Func<long> steps)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(steps);
        _writer = writer;
        Interactive = interactive;
        _epochs = epochs;
        _batches = Math.Max(1, batchesPerEpoch);
        _steps = steps;
        _epochStartSteps = steps();
        if (interactive)
        {
            _timer = new Timer(_ => Draw(), null, 200, 200);
        }
    }

    /// <summary>Whether the <c>\r</c> bar is drawn.</summary>
    public bool Interactive { get; }

    /// <summary>
    /// Whether <paramref name="writer"/> is the console's stdout or stderr, that stream is not redirected, and the
    /// environment variable CI is unset.
    /// </summary>
    /// <param name="writer">The writer progress goes to.</param>
    /// <returns>True for a terminal.</returns>
    public static bool IsTerminal(TextWriter writer)
    {
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")))
        {
            return false;
        }

        return (ReferenceEquals(writer, Console.Out) && !Console.IsOutputRedirected)
            || (ReferenceEquals(writer, Console.Error) && !Console.IsErrorRedirected);
    }

    /// <summary>Redraws the bar (called by the timer; does nothing when not interactive).</summary>
    public void Draw()
    {
        if (!Interactive)
        {
            return;
        }

        lock (_gate)
        {
            if (_epoch > _epochs)
            {
                return;
            }

            long batch = Math.Clamp(_steps() - _epochStartSteps, 0, _batches);
            double fraction = Math.Clamp(((_epoch - 1) + (double)batch / _batches) / Math.Max(1, _epochs), 0, 1);
            int filled = (int)Math.Round(fraction * BarWidth);
            var loss = _lastLoss is { } l ? l.ToString("F4", CultureInfo.InvariantCulture) : "…";
            _writer.Write(string.Create(
                CultureInfo.InvariantCulture,
                $"\r[{new string('#', filled)}{new string('.', BarWidth - filled)}] epoch {_epoch}/{_epochs}  batch {batch}/{_batches}  loss {loss}   "));
            _writer.Flush();
            _barShown = true;
        }
    }

    /// <summary>Writes the epoch's summary line (replacing the bar, which continues with the next epoch).</summary>
    /// <param name="report">The epoch's report.</param>
    public void OnEpoch(EpochReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        lock (_gate)
        {
            ClearBar();
            _writer.WriteLine(Line(report, _epochs));
            _writer.Flush();
            _epoch = report.Epoch + 1;
            _epochStartSteps = _steps();
            _lastLoss = report.Loss;
        }
    }

    /// <summary>Stops the timer and clears the bar.</summary>
    public void Dispose()
    {
        _timer?.Dispose();
        lock (_gate)
        {
            _epoch = int.MaxValue;
            ClearBar();
        }
    }

    /// <summary>The one-line summary of an epoch.</summary>
    /// <param name="r">The report.</param>
    /// <param name="epochs">Epochs planned.</param>
    /// <returns>E.g. "epoch 3/40  iterations 120  loss 0.1234  acc 96.50%  val_loss 0.1500  val_acc 95.00%  lr 0.001  0.52 s".</returns>
    public static string Line(EpochReport r, int epochs)
    {
        ArgumentNullException.ThrowIfNull(r);
        var c = CultureInfo.InvariantCulture;
        var line = string.Create(c, $"epoch {r.Epoch}/{epochs}  iterations {r.Iterations}  loss {r.Loss:F4}");
        if (r.TrainAccuracy is { } acc)
        {
            line += string.Create(c, $"  acc {acc * 100:F2}%");
        }

        if (r.ValidationLoss is { } vl)
        {
            line += string.Create(c, $"  val_loss {vl:F4}");
        }

        if (r.ValidationAccuracy is { } va)
        {
            line += string.Create(c, $"  val_acc {va * 100:F2}%");
        }

        return line + string.Create(c, $"  lr {r.LearningRate:G4}  {r.Seconds:F2} s");
    }

    private void ClearBar()
    {
        if (_barShown)
        {
            _writer.Write("\r" + new string(' ', BarWidth + 64) + "\r");
            _writer.Flush();
            _barShown = false;
        }
    }
}
