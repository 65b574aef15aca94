namespace MiniDL.Autograd.Nodes;

/// <summary>Element-wise subtraction: <c>Y = X₁ − X₂</c> (residuals <c>ŷ − y</c> of the regression losses).</summary>
/// <remarks>
/// Forward: <c>Y[i,j] = X₁[i,j] − X₂[i,j]</c>, both of the same shape.
/// Backward: <c>∇X₁ = ∇Y</c>, <c>∇X₂ = −∇Y</c>: lecture 7's add node composed with negation.
/// </remarks>
public static class Subtract
{
    /// <summary>Applies the node element-wise to two tensors of the same shape.</summary>
    /// <param name="x1">X₁.</param>
    /// <param name="x2">X₂, the shape of X₁.</param>
    /// <returns>Y, the shape of X₁.</returns>
    /// <exception cref="ArgumentException">The shapes differ, or the operands live on different backends.</exception>
    public static Node Forward(Node x1, Node x2)
    {
        Shapes.RequireSameBackend("subtract", x1, x2);
        Shapes.RequireSame("subtract", x1, x2);
        return Node.Create("subtract", Tensor.ZerosLike(x1.Value), [x1, x2],
            y => x1.Backend.Zip(BinaryOp.Subtract, x1.Value.Storage, x2.Value.Storage, y.Value.Storage),
            y => Backward(x1, x2, y));
    }

    /// <summary>
    /// How do we prove it? <c>X₁ − X₂ = X₁ + (−X₂)</c>: the add node passes <c>∇Y</c> to both terms, and the
    /// negation node turns it into <c>−∇Y</c> for X₂ (<c>∂Y[i,j]/∂X₂[i,j] = −1</c>).
    /// The kernel accumulates (<c>+=</c>) and skips an input that takes no gradient (see <see cref="ZipGradient"/>).
    /// </summary>
    private static void Backward(Node x1, Node x2, Node y)
        => ZipGradient.Accumulate(BinaryOp.Subtract, x1, x2, y); // ∇X₁ += ∇Y, ∇X₂ += −∇Y
}
