namespace MiniDL.Autograd.Losses;

/// <summary>Mean squared error <c>MSE = 1/n Σ (y − ŷ)²</c>, the regression loss.</summary>
/// <remarks>
/// Forward: <c>L = 1/n Σᵢ (yᵢ − ŷᵢ)²</c> with n the number of elements of ŷ (rows × columns; for one output per sample,
/// the number of samples) — Day 01 ("MSE (Mean Squared Error)") and the
/// "Deep learning and neural networks" notes ("3.1. Loss function"), which write <c>1/N Σ (ŷᵢ − yᵢ)²</c>, the same thing;
/// IT4653 Lesson 1 "Introduction to deep learning" ("Hồi quy tuyến tính") fits linear regression with it, <c>J(w) = 1/N Σ (wᵀx′ − y)²</c>. PyTorch's
/// <c>MSELoss()</c> also averages over every element.
/// Backward: <c>∇ŷ = (2/n)(ŷ − y) · g</c>, g the upstream gradient.
/// </remarks>
public static class MeanSquaredError
{
    /// <summary><c>L = 1/n Σ (y − ŷ)²</c>.</summary>
    /// <param name="prediction">ŷ, any shape.</param>
    /// <param name="target">y, the shape of ŷ, a constant node.</param>
    /// <returns>L, shape (1, 1).</returns>
    /// <exception cref="ArgumentException">The shapes differ, are empty, or the target requires a gradient.</exception>
    public static Node Forward(Node prediction, Node target)
    {
        Loss.RequireTargetLike("mse", prediction, target);
        var backend = prediction.Backend;
        return Loss.Create("mse", prediction, target, self =>
        {
            var squares = self.Saved("squares", prediction.Rows, prediction.Columns);
            backend.Zip(BinaryOp.Subtract, target.Value.Storage, prediction.Value.Storage, squares.Storage); // y − ŷ
            backend.Map(UnaryOp.Square, squares.Storage, squares.Storage); // (y − ŷ)²
            Loss.ScaledSum(backend, squares.Storage, 1.0 / prediction.Value.Length, self.Value);
        },
        self => Backward(prediction, target, self, self.Saved("difference", prediction.Rows, prediction.Columns)));
    }

    /// <summary>
    /// Only the term of element i depends on ŷᵢ: <c>∂L/∂ŷᵢ = 1/n · 2(yᵢ − ŷᵢ) · (−1) = (2/n)(ŷᵢ − yᵢ)</c>
    /// (the chain rule through <c>u²</c> and <c>y − ŷ</c>). Times the upstream g: <c>∇ŷ += (2/n)(ŷ − y) g</c>.
    /// (Lesson 7's delta rule uses <c>½‖ŷ − y‖²</c>, whose gradient is <c>ŷ − y</c>: the ½ and the mean only scale it.)
    /// </summary>
    private static void Backward(Node prediction, Node target, Node loss, Tensor difference)
    {
        if (!prediction.RequiresGrad)
        {
            return;
        }

        var backend = loss.Backend;
        backend.Zip(BinaryOp.Subtract, prediction.Value.Storage, target.Value.Storage, difference.Storage); // ŷ − y
        Loss.AccumulateScaled(backend, loss.Grad!.Storage, 2.0 / prediction.Value.Length, difference.Storage, prediction.GradOrZeros.Storage);
    }
}
