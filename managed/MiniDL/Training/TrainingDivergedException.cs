namespace MiniDL.Training;

/// <summary>
/// Thrown when training diverges: the loss (or a parameter) became NaN or infinite, so nothing after it can be
/// trusted. The message names the epoch and iteration and suggests a smaller learning rate. <c>minidl train</c>
/// prints it on one line and exits with code 1.
/// </summary>
public sealed class TrainingDivergedException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What diverged, where, and what to try.</param>
    public TrainingDivergedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its location.</summary>
    /// <param name="epoch">The 1-based epoch in which it diverged.</param>
    /// <param name="iteration">The optimizer step at which it diverged.</param>
    /// <param name="loss">The loss value seen (NaN or ±∞).</param>
    public TrainingDivergedException(int epoch, long iteration, double loss)
        : base($"training diverged at epoch {epoch}, iteration {iteration}: the loss is {loss.ToString(System.Globalization.CultureInfo.InvariantCulture)}. Try a smaller --lr, --schedule, or standardized features.")
    {
        Epoch = epoch;
        Iteration = iteration;
        Loss = loss;
    }

    /// <summary>Creates the exception with its location and the learning rate in use.</summary>
    /// <param name="epoch">The 1-based epoch in which it diverged.</param>
    /// <param name="iteration">The optimizer step at which it diverged (1-based).</param>
    /// <param name="loss">The loss value seen (NaN or ±∞).</param>
    /// <param name="learningRate">The learning rate of that epoch.</param>
    public TrainingDivergedException(int epoch, long iteration, double loss, double learningRate)
        : base(string.Create(
            System.Globalization.CultureInfo.InvariantCulture,
            $"training diverged at epoch {epoch}, iteration {iteration} (loss {loss}): lower the learning rate (now {learningRate:G6}), or use --schedule or standardized features."))
    {
        Epoch = epoch;
        Iteration = iteration;
        Loss = loss;
    }

    /// <summary>Creates the exception (for serializers and tests).</summary>
    public TrainingDivergedException()
    {
    }

    /// <summary>Creates the exception wrapping another.</summary>
    /// <param name="message">The message.</param>
    /// <param name="inner">The cause.</param>
    public TrainingDivergedException(string message, Exception inner)
        : base(message, inner)
    {
    }

    /// <summary>The 1-based epoch, when known.</summary>
    public int? Epoch { get; }

    /// <summary>The optimizer step, when known.</summary>
    public long? Iteration { get; }

    /// <summary>The non-finite loss, when known.</summary>
    public double? Loss { get; }
}
