namespace MiniDL.Autograd.Activations;

/// <summary>Row-wise log-softmax: <c>log P(Y = k | X = xᵢ) = s_k − log Σⱼ e^{s_j}</c>.</summary>
/// <remarks>
/// Forward: <c>y[i,k] = x[i,k] − log Σⱼ e^{x[i,j]}</c> (computed as <c>x − max − log Σ e^{x − max}</c>, so it never takes
/// the log of a probability that rounded to 0). Picking <c>−y[i, yᵢ]</c> gives lesson 1's softmax loss
/// <c>Lᵢ = −log P(Y = yᵢ | X = xᵢ)</c> (IT4653 Lesson 1 "Introduction to deep learning", "SVM vs. Softmax").
/// Backward: <c>∇X[i,j] = ∇Y[i,j] − e^{y[i,j]} Σₖ ∇Y[i,k]</c>.
/// </remarks>
public static class LogSoftmax
{
    /// <summary><c>Y = log softmax(X)</c>, row by row.</summary>
    /// <param name="x">Scores (logits), shape (n, C).</param>
    /// <returns>Log-probabilities, shape (n, C), every value ≤ 0.</returns>
    public static Node Forward(Node x)
    {
        return Node.Create("log_softmax", Tensor.ZerosLike(x.Value), [x],
            y => x.Backend.LogSoftmax(x.Rows, x.Columns, x.Value.Storage, y.Value.Storage),
            y => Backward(x, y));
    }

    /// <summary>
    /// One row: <c>yⱼ = xⱼ − log S</c>, <c>S = Σₖ e^{xₖ}</c>. Then <c>∂yⱼ/∂xₘ = [j = m] − e^{xₘ}/S = [j = m] − pₘ</c> with
    /// <c>pₘ = softmax(x)ₘ = e^{yₘ}</c>. Chain rule: <c>∂J/∂xₘ = Σⱼ ∇Yⱼ([j = m] − pₘ) = ∇Yₘ − e^{yₘ} Σⱼ ∇Yⱼ</c>.
    /// Accumulated (<c>+=</c>).
    /// </summary>
    private static void Backward(Node x, Node y)
    {
        if (x.RequiresGrad)
        {
            // ∇X[i,m] += ∇Y[i,m] − e^{y[i,m]} Σⱼ ∇Y[i,j]
            y.Backend.LogSoftmaxBackward(y.Rows, y.Columns, y.Value.Storage, y.Grad!.Storage, x.GradOrZeros.Storage);
        }
    }
}
