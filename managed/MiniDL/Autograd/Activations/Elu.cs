namespace MiniDL.Autograd.Activations;

/// <summary>The exponential linear unit: <c>x if x ≥ 0 else α(eˣ − 1)</c>, element-wise, α = 1 by default.</summary>
/// <remarks>
/// Forward: Day 01's ELU ("ELU"): <c>y = x</c> for x ≥ 0, <c>y = α(eˣ − 1)</c> for x &lt; 0.
/// Backward: <c>∇X = ∇Y ⊙ (1 if x ≥ 0 else αeˣ)</c>, and <c>αeˣ = y + α</c>, so it is computed from the forward output.
/// </remarks>
public static class Elu
{
    /// <summary>The default α (PyTorch's default too).</summary>
    public const double DefaultAlpha = 1.0;

    /// <summary><c>Y = ELU(X; α)</c>, element-wise; any shape.</summary>
    /// <param name="x">X.</param>
    /// <param name="alpha">α, the scale of the negative part (the value y approaches as x → −∞ is −α).</param>
    /// <returns>Y, the shape of X.</returns>
    public static Node Forward(Node x, double alpha = DefaultAlpha)
    {
        return Node.Create("elu", Tensor.ZerosLike(x.Value), [x],
            y => x.Backend.Map(UnaryOp.Elu, x.Value.Storage, y.Value.Storage, alpha),
            y => Backward(x, y, alpha),
            attribute: alpha);
    }

    /// <summary>
    /// For x ≥ 0, <c>y = x</c> and <c>∂y/∂x = 1</c>. For x &lt; 0, <c>y = α(eˣ − 1)</c> and, by the rules
    /// <c>eˣ → eˣ</c>, <c>c + x → 1</c>, <c>a·x → a</c>: <c>∂y/∂x = αeˣ = α(eˣ − 1) + α = y + α</c>.
    /// At x = 0 the lecture's "x ≥ 0" branch gives 1 (with α = 1 both sides agree: ELU is smooth there).
    /// <c>∂J/∂x = ∂J/∂y · (1 or y + α)</c>, accumulated (<c>+=</c>).
    /// </summary>
    private static void Backward(Node x, Node y, double alpha)
    {
        if (x.RequiresGrad)
        {
            // ∇X += ∇Y ⊙ (x ≥ 0 ? 1 : y + α)
            y.Backend.MapBackward(UnaryOp.Elu, x.Value.Storage, y.Value.Storage, y.Grad!.Storage, x.GradOrZeros.Storage, alpha);
        }
    }
}
