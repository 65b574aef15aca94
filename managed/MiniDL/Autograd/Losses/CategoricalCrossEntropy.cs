namespace MiniDL.Autograd.Losses;

/// <summary>Categorical cross-entropy of predicted probabilities: <c>CE = −1/n Σᵢ Σⱼ yᵢⱼ log ŷᵢⱼ</c> (or without the 1/n).</summary>
/// <remarks>
/// Forward, the two lectures' forms (n the number of samples, rows; y one-hot rows or any distribution; ŷ rows of
/// probabilities in (0, 1], e.g. from <see cref="Activations.Softmax"/>; not checked — a 0 where y is not 0 gives an
/// infinite loss):
/// <list type="bullet">
/// <item><see cref="Reduction.Mean"/>, Day 01, "Cross-Entropy Loss" (multi-class): <c>L = −1/n Σᵢ Σⱼ yᵢⱼ log ŷᵢⱼ</c>;</item>
/// <item><see cref="Reduction.Sum"/>, the "Deep learning and neural networks" notes, "3.1. Loss function":
/// <c>CE(ŷ, y) = −Σᵢ₌₁ᴺ Σⱼ₌₁ᴷ yᵢⱼ log ŷᵢⱼ</c>; so Sum = n × Mean.</item>
/// </list>
/// Backward: <c>∇ŷᵢⱼ = −c · yᵢⱼ / ŷᵢⱼ · g</c> with c = 1/n (Mean) or 1 (Sum).
/// For training, <see cref="SoftmaxCrossEntropy"/> computes softmax followed by this loss in one stable step.
/// </remarks>
public static class CategoricalCrossEntropy
{
    /// <summary><c>L = −c Σᵢ Σⱼ yᵢⱼ log ŷᵢⱼ</c>, c = 1/n (Mean) or 1 (Sum).</summary>
    /// <param name="prediction">ŷ, shape (n, C), probabilities.</param>
    /// <param name="target">y, shape (n, C), one-hot rows, a constant node.</param>
    /// <param name="reduction">Mean (Day 01, the default) or Sum (the 3-DL notes).</param>
    /// <returns>L, shape (1, 1).</returns>
    /// <exception cref="ArgumentException">The shapes differ, are empty, the target requires a gradient, or the reduction is unknown.</exception>
    public static Node Forward(Node prediction, Node target, Reduction reduction = Reduction.Mean)
    {
        Loss.RequireTargetLike("cce", prediction, target);
        var backend = prediction.Backend;
        double scale = reduction switch
        {
            Reduction.Mean => 1.0 / prediction.Rows,
            Reduction.Sum => 1.0,
            _ => throw new ArgumentException($"cce: unknown reduction {(int)reduction} (prediction {prediction.ShapeText}).", nameof(reduction)),
        };
        return Loss.Create("cce", prediction, target, self =>
        {
            var terms = self.Saved("terms", prediction.Rows, prediction.Columns);
            backend.Map(UnaryOp.Log, prediction.Value.Storage, terms.Storage); // log ŷ
            backend.Zip(BinaryOp.Multiply, target.Value.Storage, terms.Storage, terms.Storage); // y ⊙ log ŷ
            Loss.ScaledSum(backend, terms.Storage, -scale, self.Value);
        },
        self => Backward(prediction, target, self, self.Saved("ratio", prediction.Rows, prediction.Columns), scale));
    }

    /// <summary>
    /// Where the formula comes from (Day 01): cross-entropy measures how far the predicted distribution Q = ŷᵢ is from the
    /// true one P = yᵢ with the Kullback–Leibler divergence
    /// <c>D_KL(P ‖ Q) = Σⱼ P(j) log(P(j)/Q(j)) = Σⱼ P(j) log P(j) − Σⱼ P(j) log Q(j)</c>.
    /// With one-hot yᵢ every <c>yᵢⱼ log yᵢⱼ</c> is 0 (<c>1·log 1 = 0</c>, and <c>0·log 0 = 0</c> by convention), so
    /// <c>D_KL(yᵢ ‖ ŷᵢ) = −Σⱼ yᵢⱼ log ŷᵢⱼ</c>; averaging over the n samples gives L (summing gives the notes' form).
    /// Gradient: only the term (i, j) contains ŷᵢⱼ, and <c>log u → 1/u</c>, so <c>∂L/∂ŷᵢⱼ = −c yᵢⱼ/ŷᵢⱼ</c>
    /// (0 wherever yᵢⱼ = 0), c = 1/n or 1. Times the upstream g, accumulated.
    /// </summary>
    private static void Backward(Node prediction, Node target, Node loss, Tensor ratio, double scale)
    {
        if (!prediction.RequiresGrad)
        {
            return;
        }

        var backend = loss.Backend;
        backend.Zip(BinaryOp.Divide, target.Value.Storage, prediction.Value.Storage, ratio.Storage); // y / ŷ
        Loss.AccumulateScaled(backend, loss.Grad!.Storage, -scale, ratio.Storage, prediction.GradOrZeros.Storage);
    }
}
