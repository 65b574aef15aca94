namespace MiniDL.Autograd.Nodes;

/// <summary>
/// An element-wise operation between a matrix and one row broadcast over its rows: <c>Y[i,j] = X[i,j] ∘ R[j]</c>
/// (e.g. batch normalization's <c>(x − μ) / σ</c> with per-feature μ, σ, scale γ and shift β).
/// </summary>
/// <remarks>
/// Forward: <c>Y[i,j] = X[i,j] ∘ R[j]</c> with X (n×m), R (1×m) or a vector of m, ∘ one of <see cref="BinaryOp"/>.
/// Backward: <c>∇X[i,j] = ∇Y[i,j] ∂(X ∘ R)/∂X</c>, <c>∇R[j] = Σᵢ ∇Y[i,j] ∂(X ∘ R)/∂R</c>. With ∘ = + it is
/// lecture 7's add-bias node (Lesson 7 "Neural Network", "Add Bias Node").
/// </remarks>
public static class RowBroadcast
{
    /// <summary><c>Y = X ∘ R</c>, R broadcast over the rows.</summary>
    /// <param name="op">The element-wise operation ∘.</param>
    /// <param name="x">X, shape (n, m).</param>
    /// <param name="row">R, shape (1, m) or (m).</param>
    /// <returns>Y, shape (n, m).</returns>
    /// <exception cref="ArgumentException">R is not one row of m values, or the operands live on different backends.</exception>
    public static Node Forward(BinaryOp op, Node x, Node row)
    {
        Shapes.RequireSameBackend("row_broadcast", x, row);
        Shapes.RequireRow("row_broadcast", x, row);
        return Node.Create("row_broadcast", Tensor.ZerosLike(x.Value), [x, row],
            y => x.Backend.ZipRowBroadcast(op, x.Rows, x.Columns, x.Value.Storage, row.Value.Storage, y.Value.Storage),
            y => Backward(op, x, row, y));
    }

    /// <summary>
    /// How do we prove it? Think of R as copied into every row (lecture 7's copy node), then combined element-wise.
    /// The element-wise rule gives each copy <c>∇Y[i,j] ∂(X ∘ R)/∂R</c> at <c>(X[i,j], R[j])</c>, and the copy rule
    /// sums the n copies: <c>∇R[j] = Σᵢ ∇Y[i,j] ∂(X ∘ R)/∂R</c>. X is not copied, so <c>∇X</c> is the element-wise rule.
    /// The kernel accumulates (<c>+=</c>) and skips an input that takes no gradient (null buffer).
    /// </summary>
    private static void Backward(BinaryOp op, Node x, Node row, Node y)
    {
        var dx = x.RequiresGrad ? x.GradOrZeros.Storage : null;
        var dr = row.RequiresGrad ? row.GradOrZeros.Storage : null;
        y.Backend.ZipRowBroadcastBackward(op, x.Rows, x.Columns, x.Value.Storage, row.Value.Storage, y.Grad!.Storage, dx, dr);
    }
}
