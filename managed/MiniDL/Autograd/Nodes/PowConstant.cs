namespace MiniDL.Autograd.Nodes;

/// <summary>A constant power, element-wise: <c>Y = X^p</c>.</summary>
/// <remarks>Forward: <c>Y[i,j] = X[i,j]^p</c> (X positive unless p is an integer). Backward: <c>∇X = ∇Y ⊙ p X^{p−1}</c>.</remarks>
public static class PowConstant
{
    /// <summary>Applies the node element-wise; Y has the shape of X.</summary>
    /// <param name="x">X, any shape.</param>
    /// <param name="p">The constant exponent p.</param>
    /// <returns>Y, the shape of X.</returns>
    public static Node Forward(Node x, double p)
    {
        return Node.Create("pow_constant", Tensor.ZerosLike(x.Value), [x],
            y => x.Backend.Map(UnaryOp.PowConstant, x.Value.Storage, y.Value.Storage, p),
            y => Backward(x, y, p), attribute: p);
    }

    /// <summary>
    /// How do we prove it? The power rule: <c>x^p = e^{p ln x}</c>, so by the chain rule <c>d x^p/dx = e^{p ln x} · p/x = p x^{p−1}</c>.
    /// The kernel accumulates (<c>∇X += ∇Y ⊙ f′(X)</c>), the copy rule.
    /// </summary>
    private static void Backward(Node x, Node y, double p)
    {
        if (x.RequiresGrad)
        {
            y.Backend.MapBackward(UnaryOp.PowConstant, x.Value.Storage, y.Value.Storage, y.Grad!.Storage, x.GradOrZeros.Storage, p);
        }
    }
}
