namespace MiniDL.Autograd.Losses;

/// <summary>Binary cross-entropy of probabilities ŷ against labels y ∈ {0, 1} (or soft labels in [0, 1]).</summary>
/// <remarks>
/// Forward, the two lectures' forms:
/// <list type="bullet">
/// <item><see cref="Reduction.Mean"/>, Day 01, "Cross-Entropy Loss" (binary):
/// <c>L = −1/n Σᵢ [yᵢ log ŷᵢ + (1 − yᵢ) log(1 − ŷᵢ)]</c>, n the number of elements (PyTorch's <c>BCELoss()</c>);</item>
/// <item><see cref="Reduction.Sum"/>, the "Deep learning and neural networks" notes, "3.1. Loss function":
/// <c>L = −Σᵢ [yᵢ log ŷᵢ + (1 − yᵢ) log(1 − ŷᵢ)]</c>; so Sum = n × Mean.</item>
/// </list>
/// ŷ must lie in (0, 1), e.g. the output of <see cref="Activations.Sigmoid"/>; it is not checked (that would read the
/// device data), and ŷ = 0 or 1 gives an infinite or NaN loss.
/// Backward: <c>∇ŷ = c · (ŷ − y) / (ŷ(1 − ŷ)) · g</c> with c = 1/n (Mean) or 1 (Sum).
/// </remarks>
public static class BinaryCrossEntropy
{
    /// <summary>The binary cross-entropy of <paramref name="prediction"/> against <paramref name="target"/>.</summary>
    /// <param name="prediction">ŷ, probabilities in (0, 1), any shape.</param>
    /// <param name="target">y, the shape of ŷ, a constant node.</param>
    /// <param name="reduction">Mean (Day 01, the default) or Sum (the 3-DL notes).</param>
    /// <returns>L, shape (1, 1).</returns>
    /// <exception cref="ArgumentException">The shapes differ, are empty, or the target requires a gradient.</exception>
    public static Node Forward(Node prediction, Node target, Reduction reduction = Reduction.Mean)
    {
        Loss.RequireTargetLike("bce", prediction, target);
        var backend = prediction.Backend;
        double scale = Scale(prediction, reduction);
        int n = prediction.Rows, c = prediction.Columns;
        return Loss.Create("bce", prediction, target,
            self => Compute(backend, prediction.Value.Storage, target.Value.Storage, self.Saved("positive", n, c), self.Saved("negative", n, c), self.Saved("1 − y", n, c), scale, self.Value),
            self => Backward(prediction, target, self, scale));
    }

    /// <summary>The forward formula into <paramref name="loss"/>, with three temporaries shaped like ŷ.</summary>
    private static void Compute(IBackend backend, Storage yHat, Storage y, Tensor positive, Tensor negative, Tensor oneMinusY, double scale, Tensor loss)
    {

        backend.Map(UnaryOp.Log, yHat, positive.Storage); // log ŷ
        backend.Zip(BinaryOp.Multiply, y, positive.Storage, positive.Storage); // y log ŷ

        backend.Map(UnaryOp.MultiplyConstant, yHat, negative.Storage, -1.0); // −ŷ
        backend.Map(UnaryOp.AddConstant, negative.Storage, negative.Storage, 1.0); // 1 − ŷ
        backend.Map(UnaryOp.Log, negative.Storage, negative.Storage); // log(1 − ŷ)
        backend.Map(UnaryOp.MultiplyConstant, y, oneMinusY.Storage, -1.0);
        backend.Map(UnaryOp.AddConstant, oneMinusY.Storage, oneMinusY.Storage, 1.0); // 1 − y
        backend.Zip(BinaryOp.Multiply, oneMinusY.Storage, negative.Storage, negative.Storage); // (1 − y) log(1 − ŷ)

        backend.Axpy(1.0, negative.Storage, positive.Storage); // y log ŷ + (1 − y) log(1 − ŷ)
        Loss.ScaledSum(backend, positive.Storage, -scale, loss);
    }

    /// <summary>
    /// One term: <c>ℓ = −[y log ŷ + (1 − y) log(1 − ŷ)]</c>. With <c>log u → 1/u</c> and <c>∂(1 − ŷ)/∂ŷ = −1</c>:
    /// <c>∂ℓ/∂ŷ = −y/ŷ + (1 − y)/(1 − ŷ) = (−y(1 − ŷ) + (1 − y)ŷ) / (ŷ(1 − ŷ)) = (ŷ − y) / (ŷ(1 − ŷ))</c>.
    /// Times c (1/n or 1) and the upstream g. Through a sigmoid output, whose derivative is <c>ŷ(1 − ŷ)</c>, the
    /// denominator cancels and the gradient on the pre-activation is just <c>c(ŷ − y)</c>: lesson 7's error <c>e = ŷ − y</c>.
    /// </summary>
    private static void Backward(Node prediction, Node target, Node loss, double scale)
    {
        if (!prediction.RequiresGrad)
        {
            return;
        }

        var backend = loss.Backend;
        var yHat = prediction.Value.Storage;
        var (numerator, denominator) = (loss.Saved("numerator", prediction.Rows, prediction.Columns), loss.Saved("denominator", prediction.Rows, prediction.Columns));
        backend.Zip(BinaryOp.Subtract, yHat, target.Value.Storage, numerator.Storage); // ŷ − y
        backend.Map(UnaryOp.MultiplyConstant, yHat, denominator.Storage, -1.0);
        backend.Map(UnaryOp.AddConstant, denominator.Storage, denominator.Storage, 1.0); // 1 − ŷ
        backend.Zip(BinaryOp.Multiply, yHat, denominator.Storage, denominator.Storage); // ŷ(1 − ŷ)
        backend.Zip(BinaryOp.Divide, numerator.Storage, denominator.Storage, numerator.Storage); // (ŷ − y)/(ŷ(1 − ŷ))
        Loss.AccumulateScaled(backend, loss.Grad!.Storage, scale, numerator.Storage, prediction.GradOrZeros.Storage);
    }

    private static double Scale(Node prediction, Reduction reduction) => reduction switch
    {
        Reduction.Mean => 1.0 / prediction.Value.Length,
        Reduction.Sum => 1.0,
        _ => throw new ArgumentException($"bce: unknown reduction {(int)reduction} (prediction {prediction.ShapeText}).", nameof(reduction)),
    };
}
