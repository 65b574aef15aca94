namespace MiniDL.Backends;

// The matrix product and the transpose.
public sealed partial class ReferenceBackend
{
    /// <inheritdoc/>
    /// <remarks><c>C[i,j] = α Σₚ op(A)[i,p] op(B)[p,j] + β C[i,j]</c> (β = 0 ignores the old C): Lesson 7 "Neural Network", "Matmul Node", <c>Y = XW</c> forward and <c>∇X = ∇Y Wᵀ</c> backward (the transposes are read in place, not copied).</remarks>
    public void Gemm(bool transposeA, bool transposeB, int m, int n, int k, double alpha, Storage a, Storage b, double beta, Storage c)
    {
        if (m < 0 || n < 0 || k < 0)
        {
            throw new ArgumentException($"gemm: m={m}, n={n}, k={k} must not be negative.");
        }

        var az = D(a, "gemm", "a", (long)m * k);
        var bz = D(b, "gemm", "b", (long)k * n);
        var cz = D(c, "gemm", "c", (long)m * n);
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                // C[i,j] = α Σ_p op(A)[i,p] op(B)[p,j] + β C[i,j]; A is m×k (or k×m stored), B is k×n (or n×k stored).
                double s = 0;
                for (int p = 0; p < k; p++)
                {
                    double aip = transposeA ? az[p * m + i] : az[i * k + p];
                    double bpj = transposeB ? bz[j * k + p] : bz[p * n + j];
                    s += aip * bpj;
                }

                cz[i * n + j] = alpha * s + (beta == 0 ? 0 : beta * cz[i * n + j]);
            }
        }
    }

    /// <inheritdoc/>
    /// <remarks><c>y[j,i] = x[i,j]</c>: Lesson 7 "Neural Network", "Transpose Node" (<c>Y = Xᵀ</c>, <c>∇X = (∇Y)ᵀ</c>).</remarks>
    public void Transpose(int rows, int cols, Storage x, Storage y)
    {
        CheckShape("transpose", rows, cols);
        var xs = D(x, "transpose", "x", (long)rows * cols);
        var ys = D(y, "transpose", "y", (long)rows * cols);
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < cols; j++)
            {
                ys[j * rows + i] = xs[i * cols + j];
            }
        }
    }
}
