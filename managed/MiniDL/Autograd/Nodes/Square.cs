namespace MiniDL.Autograd.Nodes;

/// <summary>The square, element-wise: <c>Y = X ⊙ X</c> (the MSE loss and L2 regularization).</summary>
/// <remarks>Forward: <c>Y[i,j] = X[i,j]²</c>. Backward: <c>∇X = ∇Y ⊙ 2X</c>.</remarks>
public static class Square
{
    /// <summary>Applies the node element-wise; Y has the shape of X.</summary>
    /// <param name="x">X, any shape.</param>
    /// <returns>Y, the shape of X.</returns>
    public static Node Forward(Node x)
    {
        return Node.Create("square", Tensor.ZerosLike(x.Value), [x],
            y => x.Backend.Map(UnaryOp.Square, x.Value.Storage, y.Value.Storage),
            y => Backward(x, y));
    }

    /// <summary>
    /// How do we prove it? <c>(x + ε)² = x² + 2xε + ε²</c>, so <c>d x²/dx = lim (2xε + ε²)/ε = 2x</c>. It is also
    /// lecture 7's multiply node with both inputs X: <c>∇X = ∇Y ⊙ X + ∇Y ⊙ X</c> by the copy rule.
    /// The kernel accumulates (<c>∇X += ∇Y ⊙ f′(X)</c>), the copy rule.
    /// </summary>
    private static void Backward(Node x, Node y)
    {
        if (x.RequiresGrad)
        {
            y.Backend.MapBackward(UnaryOp.Square, x.Value.Storage, y.Value.Storage, y.Grad!.Storage, x.GradOrZeros.Storage);
        }
    }
}
