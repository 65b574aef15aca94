namespace MiniDL.Autograd.Nodes;

/// <summary>The absolute value, element-wise: <c>Y = |X|</c> (the MAE loss and L1 regularization).</summary>
/// <remarks>Forward: <c>Y[i,j] = |X[i,j]|</c>. Backward: <c>∇X = ∇Y ⊙ sign(X)</c>, with <c>sign(0) = 0</c> at the kink (a subgradient, as PyTorch).</remarks>
public static class Abs
{
    /// <summary>Applies the node element-wise; Y has the shape of X.</summary>
    /// <param name="x">X, any shape.</param>
    /// <returns>Y, the shape of X.</returns>
    public static Node Forward(Node x)
    {
        return Node.Create("abs", Tensor.ZerosLike(x.Value), [x],
            y => x.Backend.Map(UnaryOp.Abs, x.Value.Storage, y.Value.Storage),
            y => Backward(x, y));
    }

    /// <summary>
    /// How do we prove it? For <c>x &gt; 0</c>, <c>|x| = x</c> and the derivative is 1; for <c>x &lt; 0</c>, <c>|x| = −x</c> and it is −1.
    /// At 0 there is no derivative (a kink); any value in [−1, 1] is a subgradient and MiniDL uses 0.
    /// Gradient checks therefore draw inputs away from 0.
    /// The kernel accumulates (<c>∇X += ∇Y ⊙ f′(X)</c>), the copy rule.
    /// </summary>
    private static void Backward(Node x, Node y)
    {
        if (x.RequiresGrad)
        {
            y.Backend.MapBackward(UnaryOp.Abs, x.Value.Storage, y.Value.Storage, y.Grad!.Storage, x.GradOrZeros.Storage);
        }
    }
}
