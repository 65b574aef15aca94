namespace MiniDL.Autograd.Nodes;

/// <summary>Lecture 7's scalar primitive <c>f(x) = 1/x</c>, element-wise: <c>Y = 1 / X</c>.</summary>
/// <remarks>Forward: <c>Y[i,j] = 1 / X[i,j]</c> (X must not contain 0). Backward: <c>∇X = ∇Y ⊙ (−1/X²)</c> (lecture 7: <c>1/x → −1/x²</c>; the last node of the sigmoid neuron, <c>f = 1/a₆</c>). Source: Lesson 7 "Neural Network", "Partial Derivative".</remarks>
public static class Reciprocal
{
    /// <summary>Applies the node element-wise; Y has the shape of X.</summary>
    /// <param name="x">X, any shape.</param>
    /// <returns>Y, the shape of X.</returns>
    public static Node Forward(Node x)
    {
        return Node.Create("reciprocal", Tensor.ZerosLike(x.Value), [x],
            y => x.Backend.Map(UnaryOp.Reciprocal, x.Value.Storage, y.Value.Storage),
            y => Backward(x, y));
    }

    /// <summary>
    /// How do we prove it? <c>1/x = x⁻¹</c>, and the power rule gives <c>d x⁻¹/dx = −x⁻² = −1/x²</c>. Lecture 7 evaluates it at
    /// <c>a₆ ≈ 1.37</c>: <c>∂f/∂a₆ = −1/1.37² ≈ −0.53</c>.
    /// The kernel accumulates (<c>∇X += ∇Y ⊙ f′(X)</c>), the copy rule.
    /// </summary>
    private static void Backward(Node x, Node y)
    {
        if (x.RequiresGrad)
        {
            y.Backend.MapBackward(UnaryOp.Reciprocal, x.Value.Storage, y.Value.Storage, y.Grad!.Storage, x.GradOrZeros.Storage);
        }
    }
}
