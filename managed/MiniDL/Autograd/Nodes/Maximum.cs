namespace MiniDL.Autograd.Nodes;

/// <summary>Element-wise maximum of two tensors: <c>Y = max(X₁, X₂)</c> (Day 01's Maxout <c>max(w₁ᵀx + b₁, w₂ᵀx + b₂)</c>).</summary>
/// <remarks>
/// Forward: <c>Y[i,j] = max(X₁[i,j], X₂[i,j])</c>, both of the same shape.
/// Backward: the gradient goes to the input that won: <c>∇X₁ = ∇Y ⊙ [X₁ ≥ X₂]</c>, <c>∇X₂ = ∇Y ⊙ [X₁ &lt; X₂]</c>;
/// on a tie it goes to the first input (Day 01, "Maxout").
/// </remarks>
public static class Maximum
{
    /// <summary>Applies the node element-wise to two tensors of the same shape.</summary>
    /// <param name="x1">X₁.</param>
    /// <param name="x2">X₂, the shape of X₁.</param>
    /// <returns>Y, the shape of X₁.</returns>
    /// <exception cref="ArgumentException">The shapes differ, or the operands live on different backends.</exception>
    public static Node Forward(Node x1, Node x2)
    {
        Shapes.RequireSameBackend("maximum", x1, x2);
        Shapes.RequireSame("maximum", x1, x2);
        return Node.Create("maximum", Tensor.ZerosLike(x1.Value), [x1, x2],
            y => x1.Backend.Zip(BinaryOp.Max, x1.Value.Storage, x2.Value.Storage, y.Value.Storage),
            y => Backward(x1, x2, y));
    }

    /// <summary>
    /// How do we prove it? Where <c>X₁[i,j] &gt; X₂[i,j]</c>, a small change of either input keeps the order, so
    /// <c>Y[i,j] = X₁[i,j]</c> nearby: <c>∂Y/∂X₁ = 1</c>, <c>∂Y/∂X₂ = 0</c>; symmetrically where <c>X₂</c> is larger.
    /// On a tie the function has a kink (no derivative); any split is a subgradient and MiniDL gives it all to X₁.
    /// Gradient checks keep the two inputs apart.
    /// The kernel accumulates (<c>+=</c>) and skips an input that takes no gradient (see <see cref="ZipGradient"/>).
    /// </summary>
    private static void Backward(Node x1, Node x2, Node y)
        => ZipGradient.Accumulate(BinaryOp.Max, x1, x2, y); // ∇X₁ += ∇Y ⊙ [X₁ ≥ X₂], ∇X₂ += ∇Y ⊙ [X₁ < X₂]
}
