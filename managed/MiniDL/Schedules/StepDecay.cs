namespace MiniDL.Schedules;

/// <summary>Step decay: <c>lr = lr₀ · drop_rate^⌊epoch / epochs_drop⌋</c>.</summary>
/// <remarks>
/// Day 01, "Step Decay": <c>if epoch % epochs_drop == 0 and epoch != 0: lr = lr × drop_rate</c>.
/// Applied from epoch 0 that multiplies once at epochs_drop, 2·epochs_drop, …, which is the closed form above (never at epoch 0).
/// </remarks>
public sealed class StepDecay : LearningRateSchedule
{
    /// <summary>Creates the schedule.</summary>
    /// <param name="initial">lr₀, above 0.</param>
    /// <param name="dropRate">The factor per drop, in (0, 1].</param>
    /// <param name="epochsDrop">Epochs between drops, at least 1.</param>
    public StepDecay(double initial, double dropRate, int epochsDrop)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(initial);
        if (!(dropRate > 0 && dropRate <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(dropRate), dropRate, "StepDecay: drop_rate must be in (0, 1].");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(epochsDrop, 1);
        Initial = initial;
        DropRate = dropRate;
        EpochsDrop = epochsDrop;
    }

    /// <summary>lr₀.</summary>
    public double Initial { get; }

    /// <summary>The factor per drop.</summary>
    public double DropRate { get; }

    /// <summary>Epochs between drops.</summary>
    public int EpochsDrop { get; }

    /// <inheritdoc/>
    public override double At(int epoch)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(epoch);
        return Initial * Math.Pow(DropRate, epoch / EpochsDrop);
    }
}
