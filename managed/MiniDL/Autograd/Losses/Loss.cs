namespace MiniDL.Autograd.Losses;

/// <summary>
/// What the losses of MiniDL have in common, and the full objective they are part of.
/// </summary>
/// <remarks>
/// <para>
/// IT4653 Lesson 1 "Introduction to deep learning" ("Hiệu chỉnh"; the gradient: "Stochastic Gradient Descent (SGD)") writes the training objective as a data loss plus a regularizer:
/// <c>L(W) = 1/N Σᵢ Lᵢ(f(xᵢ, W), yᵢ) + λ R(W)</c>, and its gradient
/// <c>∇_W L(W) = 1/N Σᵢ ∇_W Lᵢ + λ ∇_W R(W)</c>. Each loss in this namespace computes the data loss
/// (the mean or sum of the per-sample losses <c>Lᵢ</c> of a batch) as a 1×1 node; the regularizer <c>λ R(W)</c>
/// (L1, L2, Elastic Net) is another scalar node added to it, so backpropagation from the sum gives both terms.
/// </para>
/// <para>
/// Conventions: predictions and targets are matrices whose rows are samples (lesson 7); targets are
/// <see cref="Node.Constant"/> nodes (labels as one-hot rows for the classification losses) and take no gradient:
/// a target node that requires one is rejected. Shapes are checked (an <see cref="ArgumentException"/> names the
/// loss and both shapes); values are not (e.g. probabilities in (0, 1)), because checking them would read device
/// data back to the host on every step.
/// </para>
/// <para>
/// The upstream gradient <c>g = ∂J/∂L</c> of a loss is a 1×1 buffer on the backend (1 when the loss is the objective).
/// Backward rules multiply by it without reading it to the host: <c>∇ŷ += α · v · g</c> is a rank-1 matrix product
/// (an N×1 matrix times the 1×1 matrix g), one <see cref="IBackend.Gemm"/> call with β = 1.
/// </para>
/// </remarks>
public static class Loss
{
    /// <summary>
    /// The checks every loss makes: same backend, same shape, at least one element, and a target that takes no gradient.
    /// </summary>
    /// <param name="op">The loss's name for messages, e.g. "mse".</param>
    /// <param name="prediction">The prediction (or logits / scores).</param>
    /// <param name="target">The target.</param>
    /// <exception cref="ArgumentException">Any check fails; the message names the loss and both shapes.</exception>
    public static void RequireTargetLike(string op, Node prediction, Node target)
    {
        Shapes.RequireSameBackend(op, prediction, target);
        Shapes.RequireSame(op, prediction, target);
        if (prediction.Value.Length == 0)
        {
            throw new ArgumentException($"{op}: prediction {prediction.ShapeText} and target {target.ShapeText} are empty; a mean over 0 elements is undefined.");
        }

        if (target.RequiresGrad)
        {
            throw new ArgumentException($"{op}: the target {target.ShapeText} (prediction {prediction.ShapeText}) requires a gradient; targets are data: pass Node.Constant(...).");
        }
    }

    /// <summary>
    /// <c>gradient += α · v · g</c> with g the loss's 1×1 upstream gradient, without reading g to the host:
    /// the matrix product of v as an N×1 matrix and g as a 1×1 matrix, accumulated (β = 1).
    /// </summary>
    /// <param name="backend">The backend of every buffer.</param>
    /// <param name="upstream">g, one element.</param>
    /// <param name="alpha">The constant factor α (e.g. 2/n).</param>
    /// <param name="v">The local gradient, N elements.</param>
    /// <param name="gradient">The input's gradient buffer, N elements.</param>
    internal static void AccumulateScaled(IBackend backend, Storage upstream, double alpha, Storage v, Storage gradient)
        => backend.Gemm(false, false, checked((int)v.Length), 1, 1, alpha, v, upstream, 1.0, gradient);

    /// <summary><c>result = α · Σ x</c> into a 1×1 tensor (the reduction every loss ends with).</summary>
    /// <param name="backend">The backend of <paramref name="x"/>.</param>
    /// <param name="x">The terms to add.</param>
    /// <param name="alpha">1/n for a mean, 1 for a sum, −1/n for the cross-entropies.</param>
    /// <param name="result">The 1×1 loss value, overwritten.</param>
    internal static void ScaledSum(IBackend backend, Storage x, double alpha, Tensor result)
    {
        backend.Sum(x, 0.0, result.Storage);
        backend.Scale(alpha, result.Storage);
    }

    /// <summary>The node of a loss: a 1×1 value that <paramref name="forward"/> writes (<see cref="Node.Create"/>).</summary>
    /// <param name="op">The loss's name.</param>
    /// <param name="prediction">The prediction (or logits / scores).</param>
    /// <param name="target">The target.</param>
    /// <param name="forward">Writes the loss into the node's value.</param>
    /// <param name="backward">Adds the loss's gradient into the prediction's.</param>
    /// <returns>The loss node.</returns>
    internal static Node Create(string op, Node prediction, Node target, Action<Node> forward, Action<Node> backward)
        => Node.Create(op, Tensor.Zeros(1, 1, prediction.Backend), [prediction, target], forward, backward);
}
