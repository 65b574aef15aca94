namespace MiniDL.Autograd.Nodes;

/// <summary>Sums over the rows: <c>Y[0,j] = Σᵢ X[i,j]</c>, the column sums, n×m → 1×m.</summary>
/// <remarks>
/// Forward: <c>Y[0,j] = Σᵢ X[i,j]</c> (the bias gradient <c>∇B = Σ_rows ∇Y</c> of lecture 7's add-bias node is this sum).
/// Backward: <c>∇X[i,j] = ∇Y[0,j]</c> for every row i: the row of gradients is broadcast down the rows.
/// </remarks>
public static class ColumnSums
{
    /// <summary>Column sums of X.</summary>
    /// <param name="x">X, shape (n, m).</param>
    /// <returns>Y, shape (1, m).</returns>
    public static Node Forward(Node x)
    {
        return Node.Create("column_sums", Tensor.Zeros(1, x.Columns, x.Backend), [x],
            y => x.Backend.ColumnSums(x.Rows, x.Columns, x.Value.Storage, 0.0, y.Value.Storage),
            y => Backward(x, y, y.Saved("ones", x.Rows, 1, 1.0)));
    }

    /// <summary>
    /// How do we prove it? <c>∂Y[0,j]/∂X[a,b] = [j = b]</c> for every row a, so
    /// <c>∂J/∂X[a,b] = Σⱼ ∇Y[0,j] [j = b] = ∇Y[0,b]</c>: each row of ∇X is ∇Y. It is the add-bias node's rule read backwards
    /// (there the bias row is copied into every row and its gradient is the column sum). On the backend the broadcast is
    /// the outer product <c>∇X += 1_n ∇Y</c> of a column of n ones with the 1×m row.
    /// </summary>
    private static void Backward(Node x, Node y, Tensor ones)
    {
        if (!x.RequiresGrad)
        {
            return;
        }

        var backend = y.Backend;
        int n = x.Rows, m = x.Columns;
        backend.Gemm(false, false, n, m, 1, 1.0, ones.Storage, y.Grad!.Storage, 1.0, x.GradOrZeros.Storage); // ∇X (n×m) += 1 (n×1) · ∇Y (1×m)
    }
}
