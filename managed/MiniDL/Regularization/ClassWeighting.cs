using MiniDL.Autograd.Losses;
using MiniDL.Data;

namespace MiniDL.Regularization;

/// <summary>A class-weighted loss for imbalanced data: Day 01's weights <c>w_c = 1 − n_c / N</c> with the weighted cross-entropy.</summary>
/// <remarks>
/// Day 01, imbalanced data, "Weight Loss Function": compute
/// <c>class_weights = 1 − samples_per_class / N</c> (<see cref="ClassWeights"/>) and pass them to the cross-entropy
/// (<see cref="WeightedCrossEntropy"/>, the weighted mean <c>Σᵢ w_{yᵢ} Lᵢ / Σᵢ w_{yᵢ}</c> as PyTorch's
/// <c>CrossEntropyLoss(weight=…)</c>). A rare class's mistakes then cost more. The weights are uploaded to the model's
/// backend once; the returned function is what <c>Trainer.Loss</c> takes.
/// </remarks>
public static class ClassWeighting
{
    /// <summary>The weighted softmax cross-entropy with weights computed from the training labels.</summary>
    /// <param name="train">The training set (classification).</param>
    /// <param name="backend">The model's backend.</param>
    /// <returns>A loss <c>(logits, one-hot targets) → 1×1 node</c>.</returns>
    /// <exception cref="ArgumentException">The data set is a regression set.</exception>
    public static Func<Node, Node, Node> Loss(Dataset train, IBackend backend)
    {
        ArgumentNullException.ThrowIfNull(train);
        if (train.IsRegression)
        {
            throw new ArgumentException($"ClassWeighting.Loss: '{train.Name}' is a regression set; class weights need labels.", nameof(train));
        }

        return Loss(ClassWeights.Compute(train.Labels, train.ClassCount), backend);
    }

    /// <summary>The weighted softmax cross-entropy with the given weights.</summary>
    /// <param name="weights">One weight per class.</param>
    /// <param name="backend">The model's backend.</param>
    /// <returns>A loss <c>(logits, one-hot targets) → 1×1 node</c>.</returns>
    public static Func<Node, Node, Node> Loss(double[] weights, IBackend backend)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(backend);
        var w = Tensor.FromArray(weights, 1, weights.Length, backend);
        return (logits, targets) => WeightedCrossEntropy.Forward(logits, targets, w);
    }
}
