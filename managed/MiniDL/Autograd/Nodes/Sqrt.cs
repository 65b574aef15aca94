namespace MiniDL.Autograd.Nodes;

/// <summary>The square root, element-wise: <c>Y = √X</c> (batch normalization's <c>√(σ² + ε)</c>).</summary>
/// <remarks>Forward: <c>Y[i,j] = √X[i,j]</c> (X must be positive for a finite gradient). Backward: <c>∇X = ∇Y ⊙ 1/(2Y)</c>.</remarks>
public static class Sqrt
{
    /// <summary>Applies the node element-wise; Y has the shape of X.</summary>
    /// <param name="x">X, any shape.</param>
    /// <returns>Y, the shape of X.</returns>
    public static Node Forward(Node x)
    {
        return Node.Create("sqrt", Tensor.ZerosLike(x.Value), [x],
            y => x.Backend.Map(UnaryOp.Sqrt, x.Value.Storage, y.Value.Storage),
            y => Backward(x, y));
    }

    /// <summary>
    /// How do we prove it? Differentiate <c>y² = x</c>: <c>2y · dy/dx = 1</c>, so <c>dy/dx = 1/(2y) = 1/(2√x)</c>; the forward value Y is reused.
    /// The kernel accumulates (<c>∇X += ∇Y ⊙ f′(X)</c>), the copy rule.
    /// </summary>
    private static void Backward(Node x, Node y)
    {
        if (x.RequiresGrad)
        {
            y.Backend.MapBackward(UnaryOp.Sqrt, x.Value.Storage, y.Value.Storage, y.Grad!.Storage, x.GradOrZeros.Storage);
        }
    }
}
