namespace MiniDL.Backends;

// Broadcasts: a row vector over the rows, a column vector over the columns, the fused add-bias.
public sealed partial class ReferenceBackend
{
    /// <inheritdoc/>
    /// <remarks><c>y[i,j] = x[i,j] ∘ r[j]</c>: the row r is copied to every row.</remarks>
    public void ZipRowBroadcast(BinaryOp op, int rows, int cols, Storage x, Storage r, Storage y)
    {
        CheckShape("zip_row_broadcast", rows, cols);
        var xs = D(x, "zip_row_broadcast", "x", (long)rows * cols);
        var rs = D(r, "zip_row_broadcast", "r", cols);
        var ys = D(y, "zip_row_broadcast", "y", (long)rows * cols);
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < cols; j++)
            {
                ys[i * cols + j] = Apply(op, xs[i * cols + j], rs[j]);
            }
        }
    }

    /// <inheritdoc/>
    /// <remarks><c>dx[i,j] += dy[i,j] ∂y/∂x</c>, <c>dr[j] += Σᵢ dy[i,j] ∂y/∂r</c>: r was copied to every row, so its gradients add up (Lesson 7 "Neural Network", "Copy Node": <c>∇X = Σₖ ∇Yₖ</c>).</remarks>
    public void ZipRowBroadcastBackward(BinaryOp op, int rows, int cols, Storage x, Storage r, Storage dy, Storage? dx, Storage? dr)
    {
        CheckShape("zip_row_broadcast_backward", rows, cols);
        var xs = D(x, "zip_row_broadcast_backward", "x", (long)rows * cols);
        var rs = D(r, "zip_row_broadcast_backward", "r", cols);
        var dys = D(dy, "zip_row_broadcast_backward", "dy", (long)rows * cols);
        var dxs = dx is null ? null : D(dx, "zip_row_broadcast_backward", "dx", (long)rows * cols);
        var drs = dr is null ? null : D(dr, "zip_row_broadcast_backward", "dr", cols);
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < cols; j++)
            {
                var (gx, gr) = Derivatives(op, xs[i * cols + j], rs[j]);
                if (dxs is not null)
                {
                    dxs[i * cols + j] += dys[i * cols + j] * gx;
                }

                if (drs is not null)
                {
                    drs[j] += dys[i * cols + j] * gr;
                }
            }
        }
    }

    /// <inheritdoc/>
    /// <remarks><c>y[i,j] = x[i,j] ∘ c[i]</c>: the column c is copied to every column.</remarks>
    public void ZipColumnBroadcast(BinaryOp op, int rows, int cols, Storage x, Storage c, Storage y)
    {
        CheckShape("zip_column_broadcast", rows, cols);
        var xs = D(x, "zip_column_broadcast", "x", (long)rows * cols);
        var cs = D(c, "zip_column_broadcast", "c", rows);
        var ys = D(y, "zip_column_broadcast", "y", (long)rows * cols);
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < cols; j++)
            {
                ys[i * cols + j] = Apply(op, xs[i * cols + j], cs[i]);
            }
        }
    }

    /// <inheritdoc/>
    /// <remarks><c>dx[i,j] += dy[i,j] ∂y/∂x</c>, <c>dc[i] += Σⱼ dy[i,j] ∂y/∂c</c> (Lesson 7 "Neural Network", "Copy Node").</remarks>
    public void ZipColumnBroadcastBackward(BinaryOp op, int rows, int cols, Storage x, Storage c, Storage dy, Storage? dx, Storage? dc)
    {
        CheckShape("zip_column_broadcast_backward", rows, cols);
        var xs = D(x, "zip_column_broadcast_backward", "x", (long)rows * cols);
        var cs = D(c, "zip_column_broadcast_backward", "c", rows);
        var dys = D(dy, "zip_column_broadcast_backward", "dy", (long)rows * cols);
        var dxs = dx is null ? null : D(dx, "zip_column_broadcast_backward", "dx", (long)rows * cols);
        var dcs = dc is null ? null : D(dc, "zip_column_broadcast_backward", "dc", rows);
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < cols; j++)
            {
                var (gx, gc) = Derivatives(op, xs[i * cols + j], cs[i]);
                if (dxs is not null)
                {
                    dxs[i * cols + j] += dys[i * cols + j] * gx;
                }

                if (dcs is not null)
                {
                    dcs[i] += dys[i * cols + j] * gc;
                }
            }
        }
    }

    /// <inheritdoc/>
    /// <remarks><c>y[i,j] = f(x[i,j] + b[j]; p)</c>: Lesson 7 "Neural Network", "Add Bias Node" (<c>Y = X + B</c>), fused with an activation f (<c>Identity</c> for none).</remarks>
    public void AddBias(UnaryOp activation, int rows, int cols, Storage x, Storage b, Storage y, double p = 0)
    {
        CheckShape("add_bias", rows, cols);
        var xs = D(x, "add_bias", "x", (long)rows * cols);
        var bs = D(b, "add_bias", "b", cols);
        var ys = D(y, "add_bias", "y", (long)rows * cols);
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < cols; j++)
            {
                ys[i * cols + j] = Apply(activation, xs[i * cols + j] + bs[j], p);
            }
        }
    }
}
