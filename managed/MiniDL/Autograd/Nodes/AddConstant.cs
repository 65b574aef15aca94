namespace MiniDL.Autograd.Nodes;

/// <summary>Lecture 7's scalar primitive <c>f_c(x) = c + x</c>, element-wise: <c>Y = c + X</c>.</summary>
/// <remarks>Forward: <c>Y[i,j] = c + X[i,j]</c>. Backward: <c>∇X = ∇Y</c> (lecture 7: <c>df/dx = 1</c>; used for <c>a₆ = a₅ + 1</c>). Source: Lesson 7 "Neural Network", "Partial Derivative".</remarks>
public static class AddConstant
{
    /// <summary>Applies the node element-wise; Y has the shape of X.</summary>
    /// <param name="x">X, any shape.</param>
    /// <param name="c">The constant c added to every element.</param>
    /// <returns>Y, the shape of X.</returns>
    public static Node Forward(Node x, double c)
    {
        return Node.Create("add_constant", Tensor.ZerosLike(x.Value), [x],
            y => x.Backend.Map(UnaryOp.AddConstant, x.Value.Storage, y.Value.Storage, c),
            y => Backward(x, y, c), attribute: c);
    }

    /// <summary>
    /// How do we prove it? <c>∂(c + x)/∂x = 1</c> (the constant does not move when x does), so <c>∇X = ∇Y</c>.
    /// The kernel accumulates (<c>∇X += ∇Y ⊙ f′(X)</c>), the copy rule.
    /// </summary>
    private static void Backward(Node x, Node y, double c)
    {
        if (x.RequiresGrad)
        {
            y.Backend.MapBackward(UnaryOp.AddConstant, x.Value.Storage, y.Value.Storage, y.Grad!.Storage, x.GradOrZeros.Storage, c);
        }
    }
}
