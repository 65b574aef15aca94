namespace MiniDL.Autograd.Nodes;

/// <summary>The natural logarithm, element-wise: <c>Y = ln X</c> (for the cross-entropy losses, <c>L = −ln p</c>).</summary>
/// <remarks>Forward: <c>Y[i,j] = ln X[i,j]</c> (X must be positive). Backward: <c>∇X = ∇Y ⊙ (1/X)</c>.</remarks>
public static class Log
{
    /// <summary>Applies the node element-wise; Y has the shape of X.</summary>
    /// <param name="x">X, any shape.</param>
    /// <returns>Y, the shape of X.</returns>
    public static Node Forward(Node x)
    {
        return Node.Create("log", Tensor.ZerosLike(x.Value), [x],
            y => x.Backend.Map(UnaryOp.Log, x.Value.Storage, y.Value.Storage),
            y => Backward(x, y));
    }

    /// <summary>
    /// How do we prove it? <c>ln</c> is the inverse of <c>exp</c>: from <c>e^{ln x} = x</c>, differentiating both sides gives
    /// <c>e^{ln x} · (ln x)′ = 1</c>, so <c>(ln x)′ = 1/x</c>.
    /// The kernel accumulates (<c>∇X += ∇Y ⊙ f′(X)</c>), the copy rule.
    /// </summary>
    private static void Backward(Node x, Node y)
    {
        if (x.RequiresGrad)
        {
            y.Backend.MapBackward(UnaryOp.Log, x.Value.Storage, y.Value.Storage, y.Grad!.Storage, x.GradOrZeros.Storage);
        }
    }
}
