namespace MiniDL.Autograd.Activations;

/// <summary>The leaky ReLU <c>max(γx, x)</c>, element-wise, with γ = 0.1 by default.</summary>
/// <remarks>
/// Forward: <c>y = max(γx, x)</c>, i.e. <c>x</c> for x &gt; 0 and <c>γx</c> otherwise (the two forms agree for 0 ≤ γ ≤ 1).
/// Both lectures use γ = 0.1: the "Deep learning and neural networks" notes ("2.2.2. Leaky ReLU": "γ là giá trị rất
/// nhỏ, thường được lựa chọn là 0.1") and Day 01's <c>max(0.1x, x)</c> ("Leaky ReLU"). PyTorch's default slope is 0.01.
/// Backward: <c>∇X = ∇Y ⊙ (1 if x &gt; 0 else γ)</c>; at the kink x = 0 the slope is γ (the left one).
/// </remarks>
public static class LeakyRelu
{
    /// <summary>The lectures' slope for negative inputs.</summary>
    public const double DefaultGamma = 0.1;

    /// <summary><c>Y = max(γX, X)</c>, element-wise; any shape.</summary>
    /// <param name="x">X.</param>
    /// <param name="gamma">γ, the slope for x ≤ 0, in [0, 1].</param>
    /// <returns>Y, the shape of X.</returns>
    /// <exception cref="ArgumentException">γ is outside [0, 1] (where <c>max(γx, x)</c> is no longer the leaky ReLU).</exception>
    public static Node Forward(Node x, double gamma = DefaultGamma)
    {
        if (!(gamma >= 0 && gamma <= 1))
        {
            throw new ArgumentException($"leaky_relu: γ = {gamma} must be in [0, 1] (input {x.ShapeText}).", nameof(gamma));
        }

        return Node.Create("leaky_relu", Tensor.ZerosLike(x.Value), [x],
            y => x.Backend.Map(UnaryOp.LeakyRelu, x.Value.Storage, y.Value.Storage, gamma),
            y => Backward(x, y, gamma),
            attribute: gamma);
    }

    /// <summary>
    /// For x &gt; 0, <c>y = x</c> and <c>∂y/∂x = 1</c>; for x &lt; 0, <c>y = γx</c> and <c>∂y/∂x = γ</c> (the "a·x → a" rule).
    /// At x = 0 we take γ. Unlike ReLU, the gradient never vanishes for negative inputs — the reason the
    /// 3-DL notes give for it. <c>∂J/∂x = ∂J/∂y · (1 or γ)</c>, accumulated (<c>+=</c>).
    /// </summary>
    private static void Backward(Node x, Node y, double gamma)
    {
        if (x.RequiresGrad)
        {
            // ∇X += ∇Y ⊙ (x > 0 ? 1 : γ)
            y.Backend.MapBackward(UnaryOp.LeakyRelu, x.Value.Storage, y.Value.Storage, y.Grad!.Storage, x.GradOrZeros.Storage, gamma);
        }
    }
}
