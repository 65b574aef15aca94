namespace MiniDL.Autograd.Nodes;

/// <summary>Negation, one of lecture 7's scalar primitives of the sigmoid-neuron graph: <c>Y = −X</c>.</summary>
/// <remarks>Forward: <c>Y[i,j] = −X[i,j]</c>. Backward: <c>∇X = −∇Y</c> (lecture 7 uses it for <c>a₄ = −a₃</c>). Source: Lesson 7 "Neural Network", "Partial Derivative".</remarks>
public static class Negate
{
    /// <summary>Applies the node element-wise; Y has the shape of X.</summary>
    /// <param name="x">X, any shape.</param>
    /// <returns>Y, the shape of X.</returns>
    public static Node Forward(Node x)
    {
        return Node.Create("negate", Tensor.ZerosLike(x.Value), [x],
            y => x.Backend.Map(UnaryOp.Negate, x.Value.Storage, y.Value.Storage),
            y => Backward(x, y));
    }

    /// <summary>
    /// How do we prove it? <c>∂Y[i,j]/∂X[i,j] = −1</c> and every other partial is 0, so by the chain rule
    /// <c>∂J/∂X[i,j] = ∇Y[i,j] · (−1)</c>.
    /// The kernel accumulates (<c>∇X += ∇Y ⊙ f′(X)</c>), the copy rule.
    /// </summary>
    private static void Backward(Node x, Node y)
    {
        if (x.RequiresGrad)
        {
            y.Backend.MapBackward(UnaryOp.Negate, x.Value.Storage, y.Value.Storage, y.Grad!.Storage, x.GradOrZeros.Storage);
        }
    }
}
