namespace MiniDL.Autograd.Losses;

/// <summary>
/// The softmax classifier's loss, fused and numerically stable: <c>Lᵢ = −log P(Y = yᵢ | X = xᵢ)</c>, P = softmax of the
/// scores, averaged over the rows. This is the loss to train classifiers with.
/// </summary>
/// <remarks>
/// Forward: <c>L = 1/n Σᵢ Lᵢ</c>, <c>Lᵢ = −Σⱼ tᵢⱼ log softmax(zᵢ)ⱼ = −Σⱼ tᵢⱼ (zᵢⱼ − log Σₖ e^{zᵢₖ})</c> — IT4653 Lesson 1
/// "Introduction to deep learning" ("Bộ phân loại softmax": <c>Lᵢ = −log P(Y = yᵢ | X = xᵢ)</c>; "Hàm mục tiêu": the mean) and NLP lesson 3 "PyTorch &amp; deep learning models", "Softmax Cross-Entropy Loss":
/// scores cat 3.2, car 5.1, frog −1.7 with true class cat give <c>L = −ln 0.13 ≈ 2.04</c>. PyTorch's
/// <c>nn.CrossEntropyLoss()</c> is the same function (it takes class indices instead of one-hot rows).
/// The log-sum-exp is computed after subtracting the row maximum, so scores such as ±1000 give finite values, and the log
/// of a probability that rounded to 0 is never taken. Equal to <see cref="Activations.LogSoftmax"/> then picking the
/// target column, and to <see cref="Activations.Softmax"/> then <see cref="CategoricalCrossEntropy"/> (where both are finite).
/// Backward: <c>∇zᵢ = (g/n)(pᵢ − tᵢ)</c> for one-hot tᵢ (in general <c>(g/n)(pᵢ Σₖ tᵢₖ − tᵢ)</c>).
/// </remarks>
public static class SoftmaxCrossEntropy
{
    /// <summary><c>L = −1/n Σᵢ Σⱼ tᵢⱼ log softmax(zᵢ)ⱼ</c>.</summary>
    /// <param name="logits">z, the unnormalized scores, shape (n, C).</param>
    /// <param name="targets">t, shape (n, C), one-hot rows (or rows of a distribution), a constant node.</param>
    /// <returns>L, shape (1, 1).</returns>
    /// <exception cref="ArgumentException">The shapes differ, are empty, or the targets require a gradient.</exception>
    public static Node Forward(Node logits, Node targets)
    {
        Loss.RequireTargetLike("softmax_cross_entropy", logits, targets);
        var backend = logits.Backend;
        int n = logits.Rows, c = logits.Columns;
        return Loss.Create("softmax_cross_entropy", logits, targets, self =>
        {
            var rowLosses = self.Saved("rowLosses", 1, n);
            var probabilities = self.Saved("probabilities", n, c);
            // Lᵢ, and p = softmax(z) kept for backward (the fused kernel computes both in one pass)
            backend.SoftmaxCrossEntropy(n, c, logits.Value.Storage, targets.Value.Storage, probabilities.Storage, rowLosses.Storage);
            Loss.ScaledSum(backend, rowLosses.Storage, 1.0 / n, self.Value);
        },
        self => Backward(logits, targets, self, self.Saved("probabilities", n, c), self.Saved("ones", 1, n, 1.0), self.Saved("rowUpstream", 1, n)));
    }

    /// <summary>
    /// One row, p = softmax(z), <c>Lᵢ = −Σⱼ tⱼ log pⱼ</c> with <c>log pⱼ = zⱼ − log Σₖ e^{zₖ}</c>.
    /// <c>∂ log pⱼ / ∂zₘ = [j = m] − pₘ</c> (the log-softmax rule), so
    /// <c>∂Lᵢ/∂zₘ = −Σⱼ tⱼ([j = m] − pₘ) = pₘ Σⱼ tⱼ − tₘ</c>, which is <c>pₘ − tₘ</c> for a one-hot t: "predicted minus true".
    /// The mean contributes 1/n and the upstream g multiplies everything, so each row's upstream is <c>gᵢ = g/n</c>:
    /// a row vector built on the device as the rank-1 product <c>(1/n)·1 · g</c>. The probabilities p come from the
    /// forward pass (the fused kernel writes them next to the losses), in a buffer released with the graph.
    /// </summary>
    private static void Backward(Node logits, Node targets, Node loss, Tensor probabilities, Tensor ones, Tensor rowUpstream)
    {
        if (!logits.RequiresGrad)
        {
            return;
        }

        var backend = loss.Backend;
        int n = logits.Rows, c = logits.Columns;
        backend.Gemm(false, false, n, 1, 1, 1.0 / n, ones.Storage, loss.Grad!.Storage, 0.0, rowUpstream.Storage); // gᵢ = g/n
        backend.SoftmaxCrossEntropyBackward(n, c, probabilities.Storage, targets.Value.Storage, rowUpstream.Storage, logits.GradOrZeros.Storage);
    }
}
