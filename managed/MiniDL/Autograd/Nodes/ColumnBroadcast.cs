namespace MiniDL.Autograd.Nodes;

/// <summary>
/// An element-wise operation between a matrix and one column broadcast over its columns: <c>Y[i,j] = X[i,j] ∘ C[i]</c>
/// (e.g. softmax's normalization of each row, <c>e^{s_k} / Σⱼ e^{s_j}</c>, with the row sums as C).
/// </summary>
/// <remarks>
/// Forward: <c>Y[i,j] = X[i,j] ∘ C[i]</c> with X (n×m), C (n×1), ∘ one of <see cref="BinaryOp"/>.
/// Backward: <c>∇X[i,j] = ∇Y[i,j] ∂(X ∘ C)/∂X</c>, <c>∇C[i] = Σⱼ ∇Y[i,j] ∂(X ∘ C)/∂C</c>.
/// </remarks>
public static class ColumnBroadcast
{
    /// <summary><c>Y = X ∘ C</c>, C broadcast over the columns.</summary>
    /// <param name="op">The element-wise operation ∘.</param>
    /// <param name="x">X, shape (n, m).</param>
    /// <param name="column">C, shape (n, 1).</param>
    /// <returns>Y, shape (n, m).</returns>
    /// <exception cref="ArgumentException">C is not one column of n values, or the operands live on different backends.</exception>
    public static Node Forward(BinaryOp op, Node x, Node column)
    {
        Shapes.RequireSameBackend("column_broadcast", x, column);
        if (column.Columns != 1 || column.Rows != x.Rows || column.Value.Rank != 2)
        {
            throw new ArgumentException(
                $"column_broadcast: column vector shape {column.ShapeText} does not broadcast over {x.ShapeText}; it needs ({x.Rows}, 1).");
        }

        return Node.Create("column_broadcast", Tensor.ZerosLike(x.Value), [x, column],
            y => x.Backend.ZipColumnBroadcast(op, x.Rows, x.Columns, x.Value.Storage, column.Value.Storage, y.Value.Storage),
            y => Backward(op, x, column, y));
    }

    /// <summary>
    /// How do we prove it? Think of C as copied into every column (lecture 7's copy node), then combined element-wise.
    /// The element-wise rule gives each copy <c>∇Y[i,j] ∂(X ∘ C)/∂C</c> at <c>(X[i,j], C[i])</c>, and the copy rule sums
    /// the m copies: <c>∇C[i] = Σⱼ ∇Y[i,j] ∂(X ∘ C)/∂C</c>. X is not copied, so <c>∇X</c> is the element-wise rule.
    /// The kernel accumulates (<c>+=</c>) and skips an input that takes no gradient (null buffer).
    /// </summary>
    private static void Backward(BinaryOp op, Node x, Node column, Node y)
    {
        var dx = x.RequiresGrad ? x.GradOrZeros.Storage : null;
        var dc = column.RequiresGrad ? column.GradOrZeros.Storage : null;
        y.Backend.ZipColumnBroadcastBackward(op, x.Rows, x.Columns, x.Value.Storage, column.Value.Storage, y.Grad!.Storage, dx, dc);
    }
}
