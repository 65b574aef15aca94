namespace MiniDL.Autograd.Losses;

/// <summary>Mean absolute error <c>MAE = 1/N Σ |ŷ − y|</c>, a regression loss less sensitive to outliers than MSE.</summary>
/// <remarks>
/// Forward: <c>L = 1/N Σᵢ |ŷᵢ − yᵢ|</c>, N the number of elements — the "Deep learning and neural networks" notes, "3.1. Loss function".
/// Backward: <c>∇ŷ = (1/N) sign(ŷ − y) · g</c>; at ŷᵢ = yᵢ, where |·| has a kink, the subgradient 0 is used
/// (PyTorch's choice too).
/// </remarks>
public static class MeanAbsoluteError
{
    /// <summary><c>L = 1/N Σ |ŷ − y|</c>.</summary>
    /// <param name="prediction">ŷ, any shape.</param>
    /// <param name="target">y, the shape of ŷ, a constant node.</param>
    /// <returns>L, shape (1, 1).</returns>
    /// <exception cref="ArgumentException">The shapes differ, are empty, or the target requires a gradient.</exception>
    public static Node Forward(Node prediction, Node target)
    {
        Loss.RequireTargetLike("mae", prediction, target);
        var backend = prediction.Backend;
        int n = prediction.Rows, c = prediction.Columns;
        return Loss.Create("mae", prediction, target, self =>
        {
            var absolute = self.Saved("absolute", n, c);
            backend.Zip(BinaryOp.Subtract, prediction.Value.Storage, target.Value.Storage, absolute.Storage); // ŷ − y
            backend.Map(UnaryOp.Abs, absolute.Storage, absolute.Storage); // |ŷ − y|
            Loss.ScaledSum(backend, absolute.Storage, 1.0 / prediction.Value.Length, self.Value);
        },
        self => Backward(prediction, target, self));
    }

    /// <summary>
    /// <c>∂|u|/∂u = sign(u)</c> for u ≠ 0 (1 if u &gt; 0, −1 if u &lt; 0); at u = 0 any value in [−1, 1] is a subgradient
    /// and we take 0. With <c>u = ŷᵢ − yᵢ</c> (<c>∂u/∂ŷᵢ = 1</c>) and the 1/N of the mean:
    /// <c>∂L/∂ŷᵢ = sign(ŷᵢ − yᵢ)/N</c>. The size of the error does not matter, only its side.
    /// Times the upstream g: <c>∇ŷ += (1/N) sign(ŷ − y) g</c>.
    /// </summary>
    private static void Backward(Node prediction, Node target, Node loss)
    {
        if (!prediction.RequiresGrad)
        {
            return;
        }

        var backend = loss.Backend;
        int n = prediction.Rows, c = prediction.Columns;
        var (difference, absolute, ones, sign) = (loss.Saved("u", n, c), loss.Saved("|u|", n, c), loss.Saved("ones", n, c, 1.0), loss.Saved("sign", n, c));
        backend.Zip(BinaryOp.Subtract, prediction.Value.Storage, target.Value.Storage, difference.Storage); // u = ŷ − y
        backend.Map(UnaryOp.Abs, difference.Storage, absolute.Storage);
        backend.Fill(sign.Storage, 0.0); // the kernel below accumulates
        backend.MapBackward(UnaryOp.Abs, difference.Storage, absolute.Storage, ones.Storage, sign.Storage); // sign(u), 0 at 0
        Loss.AccumulateScaled(backend, loss.Grad!.Storage, 1.0 / prediction.Value.Length, sign.Storage, prediction.GradOrZeros.Storage);
    }
}
