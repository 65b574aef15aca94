namespace MiniDL.Autograd.Nodes;

/// <summary>Lecture 7's scalar primitive <c>f(x) = eˣ</c>, element-wise: <c>Y = e^X</c>.</summary>
/// <remarks>Forward: <c>Y[i,j] = e^{X[i,j]}</c>. Backward: <c>∇X = ∇Y ⊙ e^X = ∇Y ⊙ Y</c> (lecture 7: <c>eˣ → eˣ</c>; used for <c>a₅ = e^{a₄}</c>). Source: Lesson 7 "Neural Network", "Partial Derivative".</remarks>
public static class Exp
{
    /// <summary>Applies the node element-wise; Y has the shape of X.</summary>
    /// <param name="x">X, any shape.</param>
    /// <returns>Y, the shape of X.</returns>
    public static Node Forward(Node x)
    {
        return Node.Create("exp", Tensor.ZerosLike(x.Value), [x],
            y => x.Backend.Map(UnaryOp.Exp, x.Value.Storage, y.Value.Storage),
            y => Backward(x, y));
    }

    /// <summary>
    /// How do we prove it? <c>d eˣ/dx = eˣ</c>, and <c>Y[i,j]</c> depends on <c>X[i,j]</c> only, so
    /// <c>∂J/∂X[i,j] = ∇Y[i,j] e^{X[i,j]} = ∇Y[i,j] Y[i,j]</c>: the forward value is reused, nothing is recomputed.
    /// The kernel accumulates (<c>∇X += ∇Y ⊙ f′(X)</c>), the copy rule.
    /// </summary>
    private static void Backward(Node x, Node y)
    {
        if (x.RequiresGrad)
        {
            y.Backend.MapBackward(UnaryOp.Exp, x.Value.Storage, y.Value.Storage, y.Grad!.Storage, x.GradOrZeros.Storage);
        }
    }
}
