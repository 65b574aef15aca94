namespace MiniDL.Backends;

// The softmax family: softmax, log-softmax, their backward rules, fused softmax cross-entropy.
public sealed partial class ReferenceBackend
{
    /// <inheritdoc/>
    /// <remarks><c>y[i,j] = e^{x[i,j] − maxᵢ} / Σₖ e^{x[i,k] − maxᵢ}</c>, which equals <c>e^{x[i,j]} / Σₖ e^{x[i,k]}</c>: IT4653 Lesson 1 "Introduction to deep learning", "Bộ phân loại softmax"; NLP lesson 3 "PyTorch &amp; deep learning models", "Softmax Cross-Entropy Loss".</remarks>
    public void Softmax(int rows, int cols, Storage x, Storage y)
    {
        CheckShape("softmax", rows, cols);
        var xs = D(x, "softmax", "x", (long)rows * cols);
        var ys = D(y, "softmax", "y", (long)rows * cols);
        for (int i = 0; i < rows; i++)
        {
            // Subtracting the row max changes nothing (softmax is shift-invariant) but keeps e^x finite.
            double max = RowMax(xs, i, cols);
            double sum = 0;
            for (int j = 0; j < cols; j++)
            {
                ys[i * cols + j] = Math.Exp(xs[i * cols + j] - max);
                sum += ys[i * cols + j];
            }

            for (int j = 0; j < cols; j++)
            {
                ys[i * cols + j] /= sum;
            }
        }
    }

    /// <inheritdoc/>
    /// <remarks><c>y[i,j] = x[i,j] − log Σₖ e^{x[i,k]}</c>, computed as <c>(x[i,j] − m) − log Σₖ e^{x[i,k] − m}</c> with m the row max
    /// (<see cref="RowMaxAndLogSum"/>): forming m + log s first would round it at the magnitude of x.</remarks>
    public void LogSoftmax(int rows, int cols, Storage x, Storage y)
    {
        CheckShape("log_softmax", rows, cols);
        var xs = D(x, "log_softmax", "x", (long)rows * cols);
        var ys = D(y, "log_softmax", "y", (long)rows * cols);
        for (int i = 0; i < rows; i++)
        {
            var (max, logSum) = RowMaxAndLogSum(xs, i, cols);
            for (int j = 0; j < cols; j++)
            {
                ys[i * cols + j] = (xs[i * cols + j] - max) - logSum;
            }
        }
    }

    /// <inheritdoc/>
    /// <remarks>From the output y: <c>∂yⱼ/∂xₖ = yⱼ([j = k] − yₖ)</c>, so <c>dx[i,j] += y[i,j] (dy[i,j] − Σₖ dy[i,k] y[i,k])</c>.</remarks>
    public void SoftmaxBackward(int rows, int cols, Storage y, Storage dy, Storage dx)
    {
        CheckShape("softmax_backward", rows, cols);
        long n = (long)rows * cols;
        var ys = D(y, "softmax_backward", "y", n);
        var dys = D(dy, "softmax_backward", "dy", n);
        var dxs = D(dx, "softmax_backward", "dx", n);
        for (int i = 0; i < rows; i++)
        {
            double dot = 0;
            for (int j = 0; j < cols; j++)
            {
                dot += dys[i * cols + j] * ys[i * cols + j];
            }

            for (int j = 0; j < cols; j++)
            {
                dxs[i * cols + j] += ys[i * cols + j] * (dys[i * cols + j] - dot);
            }
        }
    }

    /// <inheritdoc/>
    /// <remarks>From the output y: <c>∂yⱼ/∂xₖ = [j = k] − e^{yₖ}</c>, so <c>dx[i,j] += dy[i,j] − e^{y[i,j]} Σₖ dy[i,k]</c>.</remarks>
    public void LogSoftmaxBackward(int rows, int cols, Storage y, Storage dy, Storage dx)
    {
        CheckShape("log_softmax_backward", rows, cols);
        long n = (long)rows * cols;
        var ys = D(y, "log_softmax_backward", "y", n);
        var dys = D(dy, "log_softmax_backward", "dy", n);
        var dxs = D(dx, "log_softmax_backward", "dx", n);
        for (int i = 0; i < rows; i++)
        {
            double sum = 0;
            for (int j = 0; j < cols; j++)
            {
                sum += dys[i * cols + j];
            }

            for (int j = 0; j < cols; j++)
            {
                dxs[i * cols + j] += dys[i * cols + j] - Math.Exp(ys[i * cols + j]) * sum;
            }
        }
    }

    /// <inheritdoc/>
    /// <remarks><c>probs[i,:] = softmax(z[i,:])</c>, <c>loss[i] = −Σⱼ t[i,j] log probs[i,j]</c>, with <c>log probs[i,j] = z[i,j] − log Σₖ e^{z[i,k]}</c> so a probability that rounds to 0 is never logged: NLP lesson 3 "PyTorch &amp; deep learning models", "Softmax Cross-Entropy Loss": its example <c>L = −ln 0.13 ≈ 2.04</c>.</remarks>
    public void SoftmaxCrossEntropy(int rows, int cols, Storage logits, Storage targets, Storage? probs, Storage loss)
    {
        CheckShape("softmax_xent", rows, cols);
        long n = (long)rows * cols;
        var z = D(logits, "softmax_xent", "logits", n);
        var t = D(targets, "softmax_xent", "targets", n);
        var p = probs is null ? null : D(probs, "softmax_xent", "probs", n);
        var l = D(loss, "softmax_xent", "loss", rows);
        for (int i = 0; i < rows; i++)
        {
            // log p_ij = z_ij − log Σ_k e^{z_ik}: never the log of a rounded-to-zero probability.
            var (max, logSum) = RowMaxAndLogSum(z, i, cols);
            double li = 0;
            for (int j = 0; j < cols; j++)
            {
                double logP = (z[i * cols + j] - max) - logSum;
                if (t[i * cols + j] != 0)
                {
                    li -= t[i * cols + j] * logP;
                }

                if (p is not null)
                {
                    p[i * cols + j] = Math.Exp(logP);
                }
            }

            l[i] = li;
        }
    }

    /// <inheritdoc/>
    /// <remarks><c>∂loss[i]/∂z[i,j] = p[i,j] Σₖ t[i,k] − t[i,j]</c> (<c>p − t</c> for a one-hot t), so <c>dz[i,j] += g[i] (p[i,j] Σₖ t[i,k] − t[i,j])</c> with <c>g = dloss</c>.</remarks>
    public void SoftmaxCrossEntropyBackward(int rows, int cols, Storage probs, Storage targets, Storage dloss, Storage dlogits)
    {
        CheckShape("softmax_xent_backward", rows, cols);
        long n = (long)rows * cols;
        var p = D(probs, "softmax_xent_backward", "probs", n);
        var t = D(targets, "softmax_xent_backward", "targets", n);
        var g = D(dloss, "softmax_xent_backward", "dloss", rows);
        var dz = D(dlogits, "softmax_xent_backward", "dlogits", n);
        for (int i = 0; i < rows; i++)
        {
            double tSum = 0;
            for (int j = 0; j < cols; j++)
            {
                tSum += t[i * cols + j];
            }

            for (int j = 0; j < cols; j++)
            {
                dz[i * cols + j] += g[i] * (p[i * cols + j] * tSum - t[i * cols + j]);
            }
        }
    }

    private static double RowMax(double[] x, int i, int cols)
    {
        double max = double.NegativeInfinity;
        for (int j = 0; j < cols; j++)
        {
            max = Math.Max(max, x[i * cols + j]);
        }

        return max;
    }

    /// <summary>The row max m and <c>log Σⱼ e^{x[i,j] − m}</c> (the log-sum-exp is their sum).</summary>
    private static (double Max, double LogSum) RowMaxAndLogSum(double[] x, int i, int cols)
    {
        double max = RowMax(x, i, cols);
        double sum = 0;
        for (int j = 0; j < cols; j++)
        {
            sum += Math.Exp(x[i * cols + j] - max);
        }

        return (max, Math.Log(sum));
    }
}
