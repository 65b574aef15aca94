namespace MiniDL.Autograd.Nodes;

/// <summary>Sums over the columns: <c>Y[i,0] = Σⱼ X[i,j]</c>, the row sums, n×m → n×1 (one value per sample).</summary>
/// <remarks>
/// Forward: <c>Y[i,0] = Σⱼ X[i,j]</c> (softmax's denominator <c>Σⱼ e^{s_j}</c> per row, the multiclass SVM's
/// <c>Lᵢ = Σ_{j≠yᵢ} …</c>). Backward: <c>∇X[i,j] = ∇Y[i,0]</c> for every column j.
/// </remarks>
public static class RowSums
{
    /// <summary>Row sums of X.</summary>
    /// <param name="x">X, shape (n, m).</param>
    /// <returns>Y, shape (n, 1).</returns>
    public static Node Forward(Node x)
    {
        return Node.Create("row_sums", Tensor.Zeros(x.Rows, 1, x.Backend), [x],
            y => x.Backend.RowSums(x.Rows, x.Columns, x.Value.Storage, 0.0, y.Value.Storage),
            y => Backward(x, y, y.Saved("ones", 1, x.Columns, 1.0)));
    }

    /// <summary>
    /// How do we prove it? <c>∂Y[i,0]/∂X[a,b] = [i = a]</c> for every column b, so
    /// <c>∂J/∂X[a,b] = Σᵢ ∇Y[i,0] [i = a] = ∇Y[a,0]</c>: each column of ∇X is ∇Y. On the backend the broadcast is the
    /// outer product <c>∇X += ∇Y 1_mᵀ</c> of the n×1 column with a row of m ones.
    /// </summary>
    private static void Backward(Node x, Node y, Tensor ones)
    {
        if (!x.RequiresGrad)
        {
            return;
        }

        var backend = y.Backend;
        int n = x.Rows, m = x.Columns;
        backend.Gemm(false, false, n, m, 1, 1.0, y.Grad!.Storage, ones.Storage, 1.0, x.GradOrZeros.Storage); // ∇X (n×m) += ∇Y (n×1) · 1ᵀ (1×m)
    }
}
