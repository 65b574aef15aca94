namespace MiniDL.Training;

/// <summary>What one epoch of training measured, passed to the progress callback and kept in <see cref="TrainingHistory"/>.</summary>
/// <param name="Epoch">The epoch, starting at 1.</param>
/// <param name="Iterations">Updates so far, all epochs included (Day 01: an iteration is one weight update).</param>
/// <param name="Loss">Mean training data loss over the epoch's batches (weighted by batch size; without the regularization penalty), in training mode.</param>
/// <param name="TrainAccuracy">Accuracy on the training set in evaluation mode at the end of the epoch; null for regression or when not tracked.</param>
/// <param name="ValidationLoss">Mean validation loss in evaluation mode; null without a validation set.</param>
/// <param name="ValidationAccuracy">Validation accuracy; null without a validation set or for regression.</param>
/// <param name="LearningRate">The learning rate used during the epoch.</param>
/// <param name="Seconds">Wall-clock seconds the epoch took, evaluation included.</param>
public sealed record EpochReport(
    int Epoch,
    long Iterations,
    double Loss,
    double? TrainAccuracy,
    double? ValidationLoss,
    double? ValidationAccuracy,
    double LearningRate,
    double Seconds);
