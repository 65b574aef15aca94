namespace MiniDL.Schedules;

/// <summary>Exponential decay: <c>lr = lr₀ · e^{−k · epoch}</c>.</summary>
/// <remarks>Day 01, "Exponential Decay": <c>lr = lr_initial × e^{−decay_rate × epoch}</c>.</remarks>
public sealed class ExponentialDecay : LearningRateSchedule
{
    /// <summary>Creates the schedule.</summary>
    /// <param name="initial">lr₀, above 0.</param>
    /// <param name="decayRate">k, at least 0.</param>
    public ExponentialDecay(double initial, double decayRate)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(initial);
        ArgumentOutOfRangeException.ThrowIfNegative(decayRate);
        Initial = initial;
        DecayRate = decayRate;
    }

    /// <summary>lr₀.</summary>
    public double Initial { get; }

    /// <summary>k.</summary>
    public double DecayRate { get; }

    /// <inheritdoc/>
    public override double At(int epoch)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(epoch);
        return Initial * Math.Exp(-DecayRate * epoch);
    }
}
