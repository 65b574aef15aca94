namespace MiniDL.Autograd.Nodes;

/// <summary>Lecture 7's scalar primitive <c>f_a(x) = a·x</c>, element-wise: <c>Y = a X</c>.</summary>
/// <remarks>Forward: <c>Y[i,j] = a X[i,j]</c>. Backward: <c>∇X = a ∇Y</c> (lecture 7: <c>df/dx = a</c>). Source: Lesson 7 "Neural Network", "Partial Derivative".</remarks>
public static class MultiplyConstant
{
    /// <summary>Applies the node element-wise; Y has the shape of X.</summary>
    /// <param name="x">X, any shape.</param>
    /// <param name="a">The constant factor a.</param>
    /// <returns>Y, the shape of X.</returns>
    public static Node Forward(Node x, double a)
    {
        return Node.Create("multiply_constant", Tensor.ZerosLike(x.Value), [x],
            y => x.Backend.Map(UnaryOp.MultiplyConstant, x.Value.Storage, y.Value.Storage, a),
            y => Backward(x, y, a), attribute: a);
    }

    /// <summary>
    /// How do we prove it? <c>∂(a x)/∂x = a</c>, so <c>∂J/∂X[i,j] = a ∇Y[i,j]</c>.
    /// The kernel accumulates (<c>∇X += ∇Y ⊙ f′(X)</c>), the copy rule.
    /// </summary>
    private static void Backward(Node x, Node y, double a)
    {
        if (x.RequiresGrad)
        {
            y.Backend.MapBackward(UnaryOp.MultiplyConstant, x.Value.Storage, y.Value.Storage, y.Grad!.Storage, x.GradOrZeros.Storage, a);
        }
    }
}
