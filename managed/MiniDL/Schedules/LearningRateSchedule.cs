namespace MiniDL.Schedules;

/// <summary>A learning rate as a function of the epoch (0-based), applied by the trainer at the start of each epoch.</summary>
/// <remarks>Day 01: step decay, exponential decay and cosine annealing, each "update weights with current learning rate" inside the epoch loop.</remarks>
public abstract class LearningRateSchedule
{
    /// <summary>The learning rate for epoch <paramref name="epoch"/>.</summary>
    /// <param name="epoch">The epoch, starting at 0.</param>
    /// <returns>The learning rate.</returns>
    public abstract double At(int epoch);
}
