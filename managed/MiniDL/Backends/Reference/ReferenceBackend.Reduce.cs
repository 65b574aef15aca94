namespace MiniDL.Backends;

// Reductions: column sums, row sums, the sum of all elements.
public sealed partial class ReferenceBackend
{
    /// <inheritdoc/>
    /// <remarks><c>y[j] = β y[j] + Σᵢ x[i,j]</c> (β = 0 ignores the old y): the bias gradient of Lesson 7 "Neural Network", "Add Bias Node", <c>∇B = Σⱼ ∇Yⱼ</c> summed over the rows of the batch.</remarks>
    public void ColumnSums(int rows, int cols, Storage x, double beta, Storage y)
    {
        CheckShape("column_sums", rows, cols);
        var xs = D(x, "column_sums", "x", (long)rows * cols);
        var ys = D(y, "column_sums", "y", cols);
        for (int j = 0; j < cols; j++)
        {
            double s = 0;
            for (int i = 0; i < rows; i++)
            {
                s += xs[i * cols + j];
            }

            ys[j] = (beta == 0 ? 0 : beta * ys[j]) + s;
        }
    }

    /// <inheritdoc/>
    /// <remarks><c>y[i] = β y[i] + Σⱼ x[i,j]</c> (β = 0 ignores the old y).</remarks>
    public void RowSums(int rows, int cols, Storage x, double beta, Storage y)
    {
        CheckShape("row_sums", rows, cols);
        var xs = D(x, "row_sums", "x", (long)rows * cols);
        var ys = D(y, "row_sums", "y", rows);
        for (int i = 0; i < rows; i++)
        {
            double s = 0;
            for (int j = 0; j < cols; j++)
            {
                s += xs[i * cols + j];
            }

            ys[i] = (beta == 0 ? 0 : beta * ys[i]) + s;
        }
    }

    /// <inheritdoc/>
    /// <remarks><c>result[0] = β result[0] + Σᵢ x[i]</c> (β = 0 ignores the old value).</remarks>
    public void Sum(Storage x, double beta, Storage result)
    {
        var xs = D(x, "sum", "x");
        var r = D(result, "sum", "result", 1);
        double s = 0;
        foreach (var v in xs)
        {
            s += v;
        }

        r[0] = (beta == 0 ? 0 : beta * r[0]) + s;
    }
}
