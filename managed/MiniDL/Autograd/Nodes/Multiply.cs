namespace MiniDL.Autograd.Nodes;

/// <summary>Lecture 7's element-wise multiplication node: <c>Y = X₁ ⊙ X₂</c>.</summary>
/// <remarks>
/// Forward: <c>Y[i,j] = X₁[i,j] X₂[i,j]</c>, both of the same shape.
/// Backward: <c>∇X₁ = ∇Y ⊙ X₂</c>, <c>∇X₂ = ∇Y ⊙ X₁</c> (Lesson 7 "Neural Network",
/// "Element wise multiplication Node").
/// </remarks>
public static class Multiply
{
    /// <summary>Applies the node element-wise to two tensors of the same shape.</summary>
    /// <param name="x1">X₁.</param>
    /// <param name="x2">X₂, the shape of X₁.</param>
    /// <returns>Y, the shape of X₁.</returns>
    /// <exception cref="ArgumentException">The shapes differ, or the operands live on different backends.</exception>
    public static Node Forward(Node x1, Node x2)
    {
        Shapes.RequireSameBackend("multiply", x1, x2);
        Shapes.RequireSame("multiply", x1, x2);
        return Node.Create("multiply", Tensor.ZerosLike(x1.Value), [x1, x2],
            y => x1.Backend.Zip(BinaryOp.Multiply, x1.Value.Storage, x2.Value.Storage, y.Value.Storage),
            y => Backward(x1, x2, y));
    }

    /// <summary>
    /// How do we prove it? Write one output element: <c>Y[i,j] = X₁[i,j] X₂[i,j]</c>. It depends on
    /// <c>X₁[a,b]</c> only when <c>(a,b) = (i,j)</c>, so <c>∂Y[i,j]/∂X₁[a,b] = [i = a][j = b] X₂[i,j]</c>. By the chain rule
    /// <c>∂J/∂X₁[a,b] = Σᵢⱼ ∇Y[i,j] [i = a][j = b] X₂[i,j] = ∇Y[a,b] X₂[a,b]</c>, i.e. <c>∇X₁ = ∇Y ⊙ X₂</c>;
    /// by symmetry <c>∇X₂ = ∇Y ⊙ X₁</c>. (Lecture 7 writes <c>∇Y X₂</c>; the product is element-wise.)
    /// If X₁ and X₂ are the same node X, both terms accumulate into it: <c>∇X = 2 ∇Y ⊙ X</c>, the derivative of X².
    /// The kernel accumulates (<c>+=</c>) and skips an input that takes no gradient (see <see cref="ZipGradient"/>).
    /// </summary>
    private static void Backward(Node x1, Node x2, Node y)
        => ZipGradient.Accumulate(BinaryOp.Multiply, x1, x2, y); // ∇X₁ += ∇Y ⊙ X₂, ∇X₂ += ∇Y ⊙ X₁
}
