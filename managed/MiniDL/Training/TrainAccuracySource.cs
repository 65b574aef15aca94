namespace MiniDL.Training;

/// <summary>Where an epoch's training accuracy comes from (<see cref="Trainer.TrainAccuracyFrom"/>).</summary>
/// <remarks>
/// Accuracy is <c>(TP + TN) / N</c> (Day 01, "Confusion Matrix"): the fraction of samples one model classifies
/// correctly. Lesson 7 "Neural Network", "Learning Process", trains until a target accuracy, then freezes the weights:
/// the accuracy of the weights that training ends with. <see cref="EvaluationPass"/> measures exactly that.
/// <see cref="TrainingBatches"/> is the cheaper running figure most libraries print.
/// </remarks>
public enum TrainAccuracySource
{
    /// <summary>
    /// The lectures' definition: after the epoch, one more forward pass over the training set with the epoch's final
    /// weights, in evaluation mode (no dropout), counting correct predictions. Costs about a third of an epoch's work.
    /// </summary>
    EvaluationPass,

    /// <summary>
    /// Counted from the epoch's own training forward passes: each batch is judged by the weights of its step (and with
    /// dropout on), so the figure mixes the epoch's models and trails the final weights. No extra pass.
    /// </summary>
    TrainingBatches,
}
