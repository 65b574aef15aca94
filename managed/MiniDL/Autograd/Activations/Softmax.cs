namespace MiniDL.Autograd.Activations;

/// <summary>Row-wise softmax: <c>P(Y = k | X = xᵢ) = e^{s_k} / Σⱼ e^{s_j}</c> for each row (sample) of scores.</summary>
/// <remarks>
/// Forward: <c>y[i,k] = e^{x[i,k]} / Σⱼ e^{x[i,j]}</c> — the softmax classifier of IT4653 Lesson 1 "Introduction to deep learning"
/// ("Bộ phân loại softmax", "Softmax Function") and the example of NLP lesson 3 "PyTorch &amp; deep learning models" ("Softmax Cross-Entropy Loss"): scores cat 3.2, car 5.1, frog −1.7 give
/// probabilities ≈ 0.13, 0.87, 0.00. Each row is non-negative and sums to 1, and <c>softmax(x + c) = softmax(x)</c> for
/// any constant c added to a row, which is why the kernel subtracts the row maximum first (no overflow of eˣ).
/// Backward: <c>∇X[i,j] = y[i,j] (∇Y[i,j] − Σₖ ∇Y[i,k] y[i,k])</c>.
/// For training a classifier use <see cref="Losses.SoftmaxCrossEntropy"/>, which fuses this with the loss.
/// </remarks>
public static class Softmax
{
    /// <summary><c>Y = softmax(X)</c>, row by row.</summary>
    /// <param name="x">Scores (logits), shape (n, C): one row per sample.</param>
    /// <returns>Probabilities, shape (n, C).</returns>
    public static Node Forward(Node x)
    {
        return Node.Create("softmax", Tensor.ZerosLike(x.Value), [x],
            y => x.Backend.Softmax(x.Rows, x.Columns, x.Value.Storage, y.Value.Storage),
            y => Backward(x, y));
    }

    /// <summary>
    /// Rows do not interact, so take one row, <c>yⱼ = e^{xⱼ} / S</c> with <c>S = Σₖ e^{xₖ}</c>.
    /// Quotient rule: <c>∂yⱼ/∂xₘ = ([j = m] e^{xⱼ} S − e^{xⱼ} e^{xₘ}) / S² = yⱼ([j = m] − yₘ)</c> (the softmax Jacobian).
    /// Chain rule: <c>∂J/∂xₘ = Σⱼ ∇Yⱼ yⱼ([j = m] − yₘ) = yₘ ∇Yₘ − yₘ Σⱼ ∇Yⱼ yⱼ = yₘ(∇Yₘ − Σⱼ ∇Yⱼ yⱼ)</c>.
    /// One dot product per row instead of a C×C Jacobian; accumulated (<c>+=</c>).
    /// </summary>
    private static void Backward(Node x, Node y)
    {
        if (x.RequiresGrad)
        {
            // ∇X[i,m] += y[i,m] (∇Y[i,m] − Σⱼ ∇Y[i,j] y[i,j])
            y.Backend.SoftmaxBackward(y.Rows, y.Columns, y.Value.Storage, y.Grad!.Storage, x.GradOrZeros.Storage);
        }
    }
}
