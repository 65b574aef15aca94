namespace MiniDL.Autograd.Nodes;

/// <summary>Element-wise division: <c>Y = X₁ ⊘ X₂</c> (softmax's normalization <c>e^{s_k} / Σⱼ e^{s_j}</c>).</summary>
/// <remarks>
/// Forward: <c>Y[i,j] = X₁[i,j] / X₂[i,j]</c>, both of the same shape, X₂ without zeros.
/// Backward: <c>∇X₁ = ∇Y ⊘ X₂</c>, <c>∇X₂ = −∇Y ⊙ X₁ ⊘ X₂²</c>.
/// </remarks>
public static class Divide
{
    /// <summary>Applies the node element-wise to two tensors of the same shape.</summary>
    /// <param name="x1">X₁.</param>
    /// <param name="x2">X₂, the shape of X₁.</param>
    /// <returns>Y, the shape of X₁.</returns>
    /// <exception cref="ArgumentException">The shapes differ, or the operands live on different backends.</exception>
    public static Node Forward(Node x1, Node x2)
    {
        Shapes.RequireSameBackend("divide", x1, x2);
        Shapes.RequireSame("divide", x1, x2);
        return Node.Create("divide", Tensor.ZerosLike(x1.Value), [x1, x2],
            y => x1.Backend.Zip(BinaryOp.Divide, x1.Value.Storage, x2.Value.Storage, y.Value.Storage),
            y => Backward(x1, x2, y));
    }

    /// <summary>
    /// How do we prove it? <c>x₁ / x₂ = x₁ · (1/x₂)</c>: lecture 7's multiply node followed by its reciprocal
    /// primitive. The multiply rule gives <c>∂/∂x₁ = 1/x₂</c>; for x₂ the multiply rule gives <c>x₁</c> and the reciprocal
    /// rule <c>1/x → −1/x²</c> multiplies it by <c>−1/x₂²</c>, so <c>∂/∂x₂ = −x₁/x₂²</c>.
    /// The kernel accumulates (<c>+=</c>) and skips an input that takes no gradient (see <see cref="ZipGradient"/>).
    /// </summary>
    private static void Backward(Node x1, Node x2, Node y)
        => ZipGradient.Accumulate(BinaryOp.Divide, x1, x2, y); // ∇X₁ += ∇Y ⊘ X₂, ∇X₂ += −∇Y ⊙ X₁ ⊘ X₂²
}
