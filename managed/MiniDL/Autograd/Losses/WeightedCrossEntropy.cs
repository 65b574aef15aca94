namespace MiniDL.Autograd.Losses;

/// <summary>
/// Softmax cross-entropy with class weights for imbalanced data (Day 01): <c>L = Σᵢ w_{yᵢ} Lᵢ / Σᵢ w_{yᵢ}</c>.
/// </summary>
/// <remarks>
/// Day 01, "Imbalanced Data" ("Weight Loss Function"): give the rare class a larger weight,
/// <c>w_c = 1 − n_c / N</c> (<see cref="Data.ClassWeights"/>), and pass the weights to PyTorch's
/// <c>nn.CrossEntropyLoss(weight=class_weights)</c>. MiniDL computes what that call computes, the <em>weighted mean</em>
/// <c>L = Σᵢ w_{yᵢ} Lᵢ / Σᵢ w_{yᵢ}</c> with <c>Lᵢ = −log softmax(zᵢ)_{yᵢ}</c> — it divides by the total weight of the
/// batch, not by n, so equal weights give exactly <see cref="SoftmaxCrossEntropy"/> whatever their value.
/// (If every sample of the batch has weight 0, the loss is 0/0 = NaN.)
/// With one-hot targets <c>w_{yᵢ} = Σⱼ tᵢⱼ w_j = (T w)ᵢ</c>, one matrix-vector product.
/// Backward: <c>∇zᵢ = g · w_{yᵢ} / Σₖ w_{yₖ} · (pᵢ − tᵢ)</c>.
/// </remarks>
public static class WeightedCrossEntropy
{
    /// <summary><c>L = Σᵢ w_{yᵢ} Lᵢ / Σᵢ w_{yᵢ}</c>, the weighted mean of the softmax cross-entropies.</summary>
    /// <param name="logits">z, shape (n, C).</param>
    /// <param name="targets">T, shape (n, C), one-hot rows, a constant node.</param>
    /// <param name="classWeights">w, C weights (a vector or a (1, C) / (C, 1) matrix) on the backend of the logits.</param>
    /// <returns>L, shape (1, 1).</returns>
    /// <exception cref="ArgumentException">The shapes differ, are empty, the targets require a gradient, or the weights do not fit.</exception>
    public static Node Forward(Node logits, Node targets, Tensor classWeights)
    {
        ArgumentNullException.ThrowIfNull(classWeights);
        Loss.RequireTargetLike("weighted_cross_entropy", logits, targets);
        if (classWeights.Length != logits.Columns)
        {
            throw new ArgumentException($"weighted_cross_entropy: {classWeights.ShapeText} class weights for logits {logits.ShapeText}; it needs one weight per class ({logits.Columns}).");
        }

        if (!ReferenceEquals(classWeights.Backend, logits.Backend))
        {
            throw new ArgumentException($"weighted_cross_entropy: class weights {classWeights.ShapeText} live on '{classWeights.Backend.Name}', logits {logits.ShapeText} on '{logits.Backend.Name}'; move one with Tensor.To.");
        }

        var backend = logits.Backend;
        int n = logits.Rows, c = logits.Columns;
        return Loss.Create("weighted_cross_entropy", logits, targets, self =>
        {
            var rowLosses = self.Saved("rowLosses", 1, n);
            var rowWeights = self.Saved("rowWeights", 1, n);
            var weightedSum = self.Saved("weightedSum", 1, 1);
            var totalWeight = self.Saved("totalWeight", 1, 1);
            var probabilities = self.Saved("probabilities", n, c);
            backend.SoftmaxCrossEntropy(n, c, logits.Value.Storage, targets.Value.Storage, probabilities.Storage, rowLosses.Storage); // Lᵢ and p
            backend.Gemm(false, false, n, 1, c, 1.0, targets.Value.Storage, classWeights.Storage, 0.0, rowWeights.Storage); // w_{yᵢ} = (T w)ᵢ
            backend.Gemm(false, false, 1, 1, n, 1.0, rowWeights.Storage, rowLosses.Storage, 0.0, weightedSum.Storage); // Σᵢ w_{yᵢ} Lᵢ
            backend.Sum(rowWeights.Storage, 0.0, totalWeight.Storage); // Σᵢ w_{yᵢ}
            backend.Zip(BinaryOp.Divide, weightedSum.Storage, totalWeight.Storage, self.Value.Storage);
        },
        self => Backward(logits, targets, self, self.Saved("rowWeights", 1, n), self.Saved("totalWeight", 1, 1), self.Saved("probabilities", n, c), self.Saved("scaled", 1, n), self.Saved("rowUpstream", 1, n)));
    }

    /// <summary>
    /// With <c>W = Σₖ w_{yₖ}</c> a constant (it depends on the labels only), <c>L = Σᵢ (w_{yᵢ}/W) Lᵢ</c>, a weighted sum
    /// of the per-row softmax cross-entropies. Each <c>Lᵢ</c> has the gradient <c>∂Lᵢ/∂zᵢ = pᵢ − tᵢ</c> (see
    /// <see cref="SoftmaxCrossEntropy"/>), so <c>∂L/∂zᵢ = (w_{yᵢ}/W)(pᵢ − tᵢ)</c>: the fused backward kernel with the row
    /// upstream <c>gᵢ = g w_{yᵢ} / W</c>, built on the device (a rank-1 product, then a division by the 1×1 W).
    /// The row weights, W and the probabilities p are the forward pass's, kept by the node.
    /// </summary>
    private static void Backward(Node logits, Node targets, Node loss, Tensor rowWeights, Tensor totalWeight, Tensor probabilities, Tensor scaled, Tensor rowUpstream)
    {
        if (!logits.RequiresGrad)
        {
            return;
        }

        var backend = loss.Backend;
        int n = logits.Rows, c = logits.Columns;
        backend.Gemm(false, false, n, 1, 1, 1.0, rowWeights.Storage, loss.Grad!.Storage, 0.0, scaled.Storage); // g w_{yᵢ}
        backend.ZipColumnBroadcast(BinaryOp.Divide, 1, n, scaled.Storage, totalWeight.Storage, rowUpstream.Storage); // g w_{yᵢ} / W
        backend.SoftmaxCrossEntropyBackward(n, c, probabilities.Storage, targets.Value.Storage, rowUpstream.Storage, logits.GradOrZeros.Storage);
    }
}
