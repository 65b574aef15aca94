namespace MiniDL.Schedules;

/// <summary>Cosine annealing: <c>lr = lr_min + ½ (lr_max − lr_min)(1 + cos(π · epoch / epochs))</c>.</summary>
/// <remarks>
/// Day 01, third schedule (its slide is titled "Exponential Decay" by mistake):
/// the pseudocode <c>lr = lr_min + 0.5 * (lr_max − lr_min) * (1 + cos(epoch / epochs * pi))</c> is implemented. (The slide's
/// displayed formula puts the ½ under <c>lr_min + (lr_max − lr_min)</c>, a typo: it would not start at lr_max.)
/// It starts at lr_max (epoch 0) and reaches lr_min at epoch = epochs; later epochs stay at lr_min.
/// </remarks>
public sealed class CosineAnnealing : LearningRateSchedule
{
    /// <summary>Creates the schedule.</summary>
    /// <param name="lrMin">The final rate, at least 0.</param>
    /// <param name="lrMax">The initial rate, at least lrMin.</param>
    /// <param name="epochs">The epochs to anneal over, at least 1.</param>
    public CosineAnnealing(double lrMin, double lrMax, int epochs)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(lrMin);
        if (!(lrMax >= lrMin))
        {
            throw new ArgumentOutOfRangeException(nameof(lrMax), lrMax,
                $"CosineAnnealing(lrMin: {lrMin}, lrMax: {lrMax}, epochs: {epochs}): lrMax is below lrMin. The rate falls from lrMax to lrMin; the arguments come in the order (lrMin, lrMax, epochs).");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(epochs, 1);
        LrMin = lrMin;
        LrMax = lrMax;
        Epochs = epochs;
    }

    /// <summary>lr_min.</summary>
    public double LrMin { get; }

    /// <summary>lr_max.</summary>
    public double LrMax { get; }

    /// <summary>The epochs to anneal over.</summary>
    public int Epochs { get; }

    /// <inheritdoc/>
    public override double At(int epoch)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(epoch);
        int e = Math.Min(epoch, Epochs);
        return LrMin + 0.5 * (LrMax - LrMin) * (1 + Math.Cos(Math.PI * e / Epochs));
    }
}
