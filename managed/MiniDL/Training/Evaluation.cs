namespace MiniDL.Training;

/// <summary>The result of <see cref="Trainer.Evaluate"/>: mean loss, accuracy and the predicted labels.</summary>
/// <param name="Loss">Mean loss over the samples (batches weighted by size).</param>
/// <param name="Accuracy">Fraction of correct labels; null for regression.</param>
/// <param name="Predictions">Predicted label of each sample (empty for regression).</param>
public sealed record Evaluation(double Loss, double? Accuracy, int[] Predictions);
