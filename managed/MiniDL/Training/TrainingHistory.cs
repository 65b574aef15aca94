namespace MiniDL.Training;

/// <summary>The result of <see cref="Trainer.Fit"/>: one report per epoch run, and how training ended.</summary>
public sealed class TrainingHistory
{
    private readonly List<EpochReport> _epochs = [];

    /// <summary>The reports, in order.</summary>
    public IReadOnlyList<EpochReport> Epochs => _epochs;

    /// <summary>Total updates (iterations).</summary>
    public long Iterations => _epochs.Count == 0 ? 0 : _epochs[^1].Iterations;

    /// <summary>True when early stopping ended training before the last epoch.</summary>
    public bool StoppedEarly { get; internal set; }

    /// <summary>The epoch (1-based) whose weights the model holds after early stopping restored them; null otherwise.</summary>
    public int? RestoredEpoch { get; internal set; }

    /// <summary>The epoch (1-based) whose training accuracy reached <see cref="Trainer.TargetAccuracy"/> and ended training; null otherwise.</summary>
    public int? ReachedTargetAccuracy { get; internal set; }

    /// <summary>The last epoch's report.</summary>
    /// <exception cref="InvalidOperationException">No epoch was run.</exception>
    public EpochReport Last => _epochs.Count > 0 ? _epochs[^1] : throw new InvalidOperationException("TrainingHistory: no epoch was run.");

    /// <summary>Adds a report.</summary>
    /// <param name="report">The report.</param>
    internal void Add(EpochReport report) => _epochs.Add(report);
}
