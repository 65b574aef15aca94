namespace MiniDL.Autograd.Activations;

/// <summary>The sigmoid (logistic) activation <c>σ(x) = 1 / (1 + e⁻ˣ)</c>, element-wise.</summary>
/// <remarks>
/// Forward: <c>y = 1 / (1 + e^{−x})</c> — Lesson 7 "Neural Network"'s "logistic" non-linearity
/// ("Hàm phi tuyến (Non-linear/Activation function)") and Day 01's first activation ("Sigmoid").
/// Backward: <c>∇X = ∇Y ⊙ y ⊙ (1 − y)</c>, the factor <c>ŷ(1 − ŷ)</c> of lesson 7's delta rule
/// (<c>δ_k = ŷ_k(1 − ŷ_k) e_k</c>).
/// </remarks>
public static class Sigmoid
{
    /// <summary><c>Y = σ(X)</c>, element-wise; any shape.</summary>
    /// <param name="x">X.</param>
    /// <returns>Y, the shape of X, every value in (0, 1).</returns>
    public static Node Forward(Node x)
    {
        return Node.Create("sigmoid", Tensor.ZerosLike(x.Value), [x],
            y => x.Backend.Map(UnaryOp.Sigmoid, x.Value.Storage, y.Value.Storage),
            y => Backward(x, y));
    }

    /// <summary>
    /// Write <c>σ(x) = (1 + e⁻ˣ)⁻¹</c> and use lesson 7's scalar rules (<c>1/u → −1/u²</c>, <c>eᵘ → eᵘ</c>, negation):
    /// <c>σ′(x) = −(1 + e⁻ˣ)⁻² · e⁻ˣ · (−1) = e⁻ˣ / (1 + e⁻ˣ)²</c>.
    /// Split it: <c>1/(1 + e⁻ˣ) · e⁻ˣ/(1 + e⁻ˣ) = σ(x) · (1 − σ(x))</c>, because <c>e⁻ˣ/(1 + e⁻ˣ) = 1 − 1/(1 + e⁻ˣ)</c>.
    /// So the derivative needs only the forward output y: <c>∂J/∂x = ∂J/∂y · y(1 − y)</c>, element by element
    /// (every other partial is 0). Accumulated (<c>+=</c>), the copy rule.
    /// </summary>
    private static void Backward(Node x, Node y)
    {
        if (x.RequiresGrad)
        {
            // ∇X += ∇Y ⊙ y(1 − y)
            y.Backend.MapBackward(UnaryOp.Sigmoid, x.Value.Storage, y.Value.Storage, y.Grad!.Storage, x.GradOrZeros.Storage);
        }
    }
}
