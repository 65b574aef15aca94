namespace MiniDL.Backends;

/// <summary>
/// The managed reference backend: every kernel as the plainest loop that computes its formula, in float64.
/// It is the readable truth: the native CPU and CUDA builds are tested against it, and a student porting
/// MiniDL to another language can port this file first.
/// </summary>
public sealed class ReferenceBackend : IBackend
{
    /// <summary>The one shared instance (the backend holds no state).</summary>
    public static ReferenceBackend Instance { get; } = new();

    /// <inheritdoc/>
    public string Name => "reference";

    /// <inheritdoc/>
    public DType DType => DType.Float64;

    /// <summary>A reference buffer: a managed array.</summary>
    internal sealed class ArrayStorage(ReferenceBackend backend, long length) : Storage(backend, length)
    {
        public readonly double[] Data = new double[length];
    }

    private double[] D(Storage s, string op, string name)
    {
        if (s is ArrayStorage a && ReferenceEquals(a.Backend, this))
        {
            return a.Data;
        }

        throw new ArgumentException($"{op}: buffer '{name}' belongs to backend '{s.Backend.Name}', not '{Name}'.", name);
    }

    private double[] D(Storage s, string op, string name, long expectedLength)
    {
        var d = D(s, op, name);
        if (d.LongLength != expectedLength)
        {
            throw new ArgumentException($"{op}: buffer '{name}' has {d.LongLength} elements, the shape needs {expectedLength}.", name);
        }

        return d;
    }

    private static void CheckShape(string op, int rows, int cols)
    {
        if (rows < 0 || cols < 0)
        {
            throw new ArgumentException($"{op}: shape ({rows}, {cols}) has a negative dimension.");
        }
    }

    /// <inheritdoc/>
    public Storage Allocate(long length) => new ArrayStorage(this, length);

    /// <inheritdoc/>
    public void Upload(ReadOnlySpan<double> source, Storage destination)
        => source.CopyTo(D(destination, "upload", "destination", source.Length));

    /// <inheritdoc/>
    public void Upload(ReadOnlySpan<float> source, Storage destination)
    {
        var d = D(destination, "upload", "destination", source.Length);
        for (int i = 0; i < source.Length; i++)
        {
            d[i] = source[i];
        }
    }

    /// <inheritdoc/>
    public void Download(Storage source, Span<double> destination)
    {
        var s = D(source, "download", "source", destination.Length);
        s.AsSpan().CopyTo(destination);
    }

    /// <inheritdoc/>
    public void Copy(Storage source, Storage destination)
    {
        var s = D(source, "copy", "source");
        Array.Copy(s, D(destination, "copy", "destination", s.LongLength), s.LongLength);
    }

    /// <inheritdoc/>
    public void Fill(Storage x, double value) => Array.Fill(D(x, "fill", "x"), value);

    /// <inheritdoc/>
    public void Scale(double alpha, Storage y)
    {
        var v = D(y, "scale", "y");
        for (long i = 0; i < v.LongLength; i++)
        {
            v[i] *= alpha;
        }
    }

    /// <inheritdoc/>
    public void Axpy(double alpha, Storage x, Storage y)
    {
        var xs = D(x, "axpy", "x");
        var ys = D(y, "axpy", "y", xs.LongLength);
        for (long i = 0; i < xs.LongLength; i++)
        {
            ys[i] += alpha * xs[i];
        }
    }

    /// <summary>The forward formula of each <see cref="UnaryOp"/>, for one element.</summary>
    public static double Apply(UnaryOp op, double x, double p) => op switch
    {
        UnaryOp.Identity => x,
        UnaryOp.Negate => -x,
        UnaryOp.Exp => Math.Exp(x),
        UnaryOp.Log => Math.Log(x),
        UnaryOp.Reciprocal => 1.0 / x,
        UnaryOp.Square => x * x,
        UnaryOp.Sqrt => Math.Sqrt(x),
        UnaryOp.Abs => Math.Abs(x),
        UnaryOp.AddConstant => x + p,
        UnaryOp.MultiplyConstant => p * x,
        UnaryOp.PowConstant => Math.Pow(x, p),
        UnaryOp.Sigmoid => 1.0 / (1.0 + Math.Exp(-x)),
        UnaryOp.Tanh => Math.Tanh(x),
        UnaryOp.Relu => x > 0 ? x : 0.0,
        UnaryOp.LeakyRelu => x > 0 ? x : p * x,
        UnaryOp.Elu => x >= 0 ? x : p * (Math.Exp(x) - 1.0),
        _ => throw new ArgumentException($"map: unknown unary op {(int)op}.", nameof(op)),
    };

    /// <summary>The derivative <c>f′(x)</c> of each <see cref="UnaryOp"/>, given <c>y = f(x)</c>.</summary>
    public static double Derivative(UnaryOp op, double x, double y, double p) => op switch
    {
        UnaryOp.Identity => 1.0,
        UnaryOp.Negate => -1.0,
        UnaryOp.Exp => y,
        UnaryOp.Log => 1.0 / x,
        UnaryOp.Reciprocal => -1.0 / (x * x),
        UnaryOp.Square => 2.0 * x,
        UnaryOp.Sqrt => 0.5 / y,
        UnaryOp.Abs => x > 0 ? 1.0 : x < 0 ? -1.0 : 0.0,
        UnaryOp.AddConstant => 1.0,
        UnaryOp.MultiplyConstant => p,
        UnaryOp.PowConstant => p * Math.Pow(x, p - 1.0),
        UnaryOp.Sigmoid => y * (1.0 - y),
        UnaryOp.Tanh => 1.0 - y * y,
        UnaryOp.Relu => x > 0 ? 1.0 : 0.0,
        UnaryOp.LeakyRelu => x > 0 ? 1.0 : p,
        UnaryOp.Elu => x >= 0 ? 1.0 : y + p,
        _ => throw new ArgumentException($"map_backward: unknown unary op {(int)op}.", nameof(op)),
    };

    /// <summary>The forward formula of each <see cref="BinaryOp"/>.</summary>
    public static double Apply(BinaryOp op, double a, double b) => op switch
    {
        BinaryOp.Add => a + b,
        BinaryOp.Subtract => a - b,
        BinaryOp.Multiply => a * b,
        BinaryOp.Divide => a / b,
        BinaryOp.Max => a >= b ? a : b,
        _ => throw new ArgumentException($"zip: unknown binary op {(int)op}.", nameof(op)),
    };

    /// <summary>The partial derivatives <c>(∂c/∂a, ∂c/∂b)</c> of each <see cref="BinaryOp"/>.</summary>
    public static (double DA, double DB) Derivatives(BinaryOp op, double a, double b) => op switch
    {
        BinaryOp.Add => (1.0, 1.0),
        BinaryOp.Subtract => (1.0, -1.0),
        BinaryOp.Multiply => (b, a),
        BinaryOp.Divide => (1.0 / b, -a / (b * b)),
        BinaryOp.Max => a >= b ? (1.0, 0.0) : (0.0, 1.0),
        _ => throw new ArgumentException($"zip_backward: unknown binary op {(int)op}.", nameof(op)),
    };

    /// <inheritdoc/>
    public void Map(UnaryOp op, Storage x, Storage y, double p = 0)
    {
        var xs = D(x, "map", "x");
        var ys = D(y, "map", "y", xs.LongLength);
        for (long i = 0; i < xs.LongLength; i++)
        {
            ys[i] = Apply(op, xs[i], p);
        }
    }

    /// <inheritdoc/>
    public void MapBackward(UnaryOp op, Storage x, Storage y, Storage dy, Storage dx, double p = 0)
    {
        var xs = D(x, "map_backward", "x");
        long n = xs.LongLength;
        var ys = D(y, "map_backward", "y", n);
        var dys = D(dy, "map_backward", "dy", n);
        var dxs = D(dx, "map_backward", "dx", n);
        for (long i = 0; i < n; i++)
        {
            dxs[i] += dys[i] * Derivative(op, xs[i], ys[i], p);
        }
    }

    /// <inheritdoc/>
    public void Zip(BinaryOp op, Storage a, Storage b, Storage c)
    {
        var az = D(a, "zip", "a");
        long n = az.LongLength;
        var bz = D(b, "zip", "b", n);
        var cz = D(c, "zip", "c", n);
        for (long i = 0; i < n; i++)
        {
            cz[i] = Apply(op, az[i], bz[i]);
        }
    }

    /// <inheritdoc/>
    public void ZipBackward(BinaryOp op, Storage a, Storage b, Storage dc, Storage? da, Storage? db)
    {
        var az = D(a, "zip_backward", "a");
        long n = az.LongLength;
        var bz = D(b, "zip_backward", "b", n);
        var dcz = D(dc, "zip_backward", "dc", n);
        var daz = da is null ? null : D(da, "zip_backward", "da", n);
        var dbz = db is null ? null : D(db, "zip_backward", "db", n);
        for (long i = 0; i < n; i++)
        {
            var (ga, gb) = Derivatives(op, az[i], bz[i]);
            if (daz is not null)
            {
                daz[i] += dcz[i] * ga;
            }

            if (dbz is not null)
            {
                dbz[i] += dcz[i] * gb;
            }
        }
    }

    /// <inheritdoc/>
    public void ZipRow(BinaryOp op, int rows, int cols, Storage x, Storage r, Storage y)
    {
        CheckShape("zip_row", rows, cols);
        var xs = D(x, "zip_row", "x", (long)rows * cols);
        var rs = D(r, "zip_row", "r", cols);
        var ys = D(y, "zip_row", "y", (long)rows * cols);
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < cols; j++)
            {
                ys[i * cols + j] = Apply(op, xs[i * cols + j], rs[j]);
            }
        }
    }

    /// <inheritdoc/>
    public void ZipRowBackward(BinaryOp op, int rows, int cols, Storage x, Storage r, Storage dy, Storage? dx, Storage? dr)
    {
        CheckShape("zip_row_backward", rows, cols);
        var xs = D(x, "zip_row_backward", "x", (long)rows * cols);
        var rs = D(r, "zip_row_backward", "r", cols);
        var dys = D(dy, "zip_row_backward", "dy", (long)rows * cols);
        var dxs = dx is null ? null : D(dx, "zip_row_backward", "dx", (long)rows * cols);
        var drs = dr is null ? null : D(dr, "zip_row_backward", "dr", cols);
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
    public void ZipColumn(BinaryOp op, int rows, int cols, Storage x, Storage c, Storage y)
    {
        CheckShape("zip_col", rows, cols);
        var xs = D(x, "zip_col", "x", (long)rows * cols);
        var cs = D(c, "zip_col", "c", rows);
        var ys = D(y, "zip_col", "y", (long)rows * cols);
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < cols; j++)
            {
                ys[i * cols + j] = Apply(op, xs[i * cols + j], cs[i]);
            }
        }
    }

    /// <inheritdoc/>
    public void ZipColumnBackward(BinaryOp op, int rows, int cols, Storage x, Storage c, Storage dy, Storage? dx, Storage? dc)
    {
        CheckShape("zip_col_backward", rows, cols);
        var xs = D(x, "zip_col_backward", "x", (long)rows * cols);
        var cs = D(c, "zip_col_backward", "c", rows);
        var dys = D(dy, "zip_col_backward", "dy", (long)rows * cols);
        var dxs = dx is null ? null : D(dx, "zip_col_backward", "dx", (long)rows * cols);
        var dcs = dc is null ? null : D(dc, "zip_col_backward", "dc", rows);
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

    /// <inheritdoc/>
    public void SumRows(int rows, int cols, Storage x, double beta, Storage y)
    {
        CheckShape("sum_rows", rows, cols);
        var xs = D(x, "sum_rows", "x", (long)rows * cols);
        var ys = D(y, "sum_rows", "y", cols);
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
    public void SumColumns(int rows, int cols, Storage x, double beta, Storage y)
    {
        CheckShape("sum_cols", rows, cols);
        var xs = D(x, "sum_cols", "x", (long)rows * cols);
        var ys = D(y, "sum_cols", "y", rows);
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

    /// <inheritdoc/>
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

    /// <inheritdoc/>
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
    public void LogSoftmax(int rows, int cols, Storage x, Storage y)
    {
        CheckShape("log_softmax", rows, cols);
        var xs = D(x, "log_softmax", "x", (long)rows * cols);
        var ys = D(y, "log_softmax", "y", (long)rows * cols);
        for (int i = 0; i < rows; i++)
        {
            double logSum = RowLogSumExp(xs, i, cols);
            for (int j = 0; j < cols; j++)
            {
                ys[i * cols + j] = xs[i * cols + j] - logSum;
            }
        }
    }

    /// <inheritdoc/>
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
            double logSum = RowLogSumExp(z, i, cols);
            double li = 0;
            for (int j = 0; j < cols; j++)
            {
                double logP = z[i * cols + j] - logSum;
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

    /// <summary>
    /// The uniform number in [0, 1) that dropout draws for element <paramref name="i"/>: SplitMix64 of
    /// <c>seed + (i + 1)·0x9E3779B97F4A7C15</c>, top 53 bits. Counter-based, so every backend (and every
    /// thread of every backend) draws the same mask for the same seed.
    /// </summary>
    public static double DropoutUniform(ulong seed, long i)
    {
        ulong z = unchecked(seed + (ulong)(i + 1) * 0x9E3779B97F4A7C15UL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        z ^= z >> 31;
        return (z >> 11) * (1.0 / 9007199254740992.0);
    }

    /// <inheritdoc/>
    public void DropoutMask(double p, ulong seed, Storage mask)
    {
        if (!(p >= 0 && p < 1))
        {
            throw new ArgumentException($"dropout_mask: p = {p} must be in [0, 1).", nameof(p));
        }

        var m = D(mask, "dropout_mask", "mask");
        for (long i = 0; i < m.LongLength; i++)
        {
            m[i] = DropoutUniform(seed, i) >= p ? 1.0 / (1.0 - p) : 0.0;
        }
    }

    /// <inheritdoc/>
    public void SgdStep(double lr, Storage g, Storage w)
    {
        var gs = D(g, "sgd_step", "g");
        var ws = D(w, "sgd_step", "w", gs.LongLength);
        for (long i = 0; i < ws.LongLength; i++)
        {
            ws[i] -= lr * gs[i];
        }
    }

    /// <inheritdoc/>
    public void MomentumStep(double lr, double beta, Storage g, Storage v, Storage w)
    {
        var gs = D(g, "momentum_step", "g");
        var vs = D(v, "momentum_step", "v", gs.LongLength);
        var ws = D(w, "momentum_step", "w", gs.LongLength);
        for (long i = 0; i < ws.LongLength; i++)
        {
            vs[i] = beta * vs[i] + lr * gs[i];
            ws[i] -= vs[i];
        }
    }

    /// <inheritdoc/>
    public void AdamStep(double lr, double beta1, double beta2, double epsilon, long t, Storage g, Storage m, Storage v, Storage w)
    {
        if (t < 1)
        {
            throw new ArgumentException($"adam_step: step t = {t} must be at least 1.", nameof(t));
        }

        var gs = D(g, "adam_step", "g");
        var ms = D(m, "adam_step", "m", gs.LongLength);
        var vs = D(v, "adam_step", "v", gs.LongLength);
        var ws = D(w, "adam_step", "w", gs.LongLength);
        double c1 = 1 - Math.Pow(beta1, t), c2 = 1 - Math.Pow(beta2, t);
        for (long i = 0; i < ws.LongLength; i++)
        {
            ms[i] = beta1 * ms[i] + (1 - beta1) * gs[i];
            vs[i] = beta2 * vs[i] + (1 - beta2) * gs[i] * gs[i];
            ws[i] -= lr * (ms[i] / c1) / (Math.Sqrt(vs[i] / c2) + epsilon);
        }
    }

    /// <inheritdoc/>
    public void Synchronize()
    {
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

    private static double RowLogSumExp(double[] x, int i, int cols)
    {
        double max = RowMax(x, i, cols);
        double sum = 0;
        for (int j = 0; j < cols; j++)
        {
            sum += Math.Exp(x[i * cols + j] - max);
        }

        return max + Math.Log(sum);
    }
}
