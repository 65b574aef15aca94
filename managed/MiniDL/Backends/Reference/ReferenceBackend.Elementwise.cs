namespace MiniDL.Backends;

// Element-wise kernels: scale, axpy, map and zip with their backward rules, the dropout mask.
public sealed partial class ReferenceBackend
{
    /// <inheritdoc/>
    /// <remarks><c>y[i] = α y[i]</c>.</remarks>
    public void Scale(double alpha, Storage y)
    {
        var v = D(y, "scale", "y");
        for (long i = 0; i < v.LongLength; i++)
        {
            v[i] *= alpha;
        }
    }

    /// <inheritdoc/>
    /// <remarks><c>y[i] += α x[i]</c>.</remarks>
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
        UnaryOp.Elu => x >= 0 ? x : p * ExpMinusOne(x),
        _ => throw new ArgumentException($"map: unknown unary op {(int)op}.", nameof(op)),
    };

    /// <summary>
    /// <c>eˣ − 1</c> to full relative precision as x → 0, where <c>Math.Exp(x) − 1</c> cancels (it is 0 for |x| &lt; 1e-16,
    /// and ELU's backward, which reads y, would then take the slope 1 instead of α). Kahan's form: with <c>u = eˣ</c>
    /// rounded, <c>(u − 1)·x / ln u</c> (W. Kahan, "Paranoia"; Higham, Accuracy and Stability of Numerical Algorithms, §1.14.1).
    /// </summary>
    private static double ExpMinusOne(double x)
    {
        double u = Math.Exp(x);
        if (u == 1.0)
        {
            return x;
        }

        double um1 = u - 1.0;
        return um1 == -1.0 ? -1.0 : um1 * x / Math.Log(u);
    }

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
    /// <remarks><c>y[i] = f(x[i]; p)</c> with f = <see cref="Apply(UnaryOp, double, double)"/>: Lesson 7 "Neural Network", "Hàm phi tuyến (Non-linear/Activation function)"; Day 01, "Activation Functions".</remarks>
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
    /// <remarks><c>dx[i] += dy[i] · f′(x[i])</c> with f′ = <see cref="Derivative"/>: the chain rule, Lesson 7 "Neural Network", "Multivariable Chain Rule".</remarks>
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
    /// <remarks><c>c[i] = a[i] ∘ b[i]</c> with ∘ = <see cref="Apply(BinaryOp, double, double)"/>: Lesson 7 "Neural Network", "Addition Node", "Element wise multiplication Node".</remarks>
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
    /// <remarks><c>da[i] += dc[i] ∂c/∂a</c>, <c>db[i] += dc[i] ∂c/∂b</c> with the partials of <see cref="Derivatives"/>; for <c>Y = X₁ ⊙ X₂</c> that is Lesson 7 "Neural Network", "Element wise multiplication Node": <c>∇X₁ = ∇Y ⊙ X₂</c>, <c>∇X₂ = ∇Y ⊙ X₁</c>.</remarks>
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
    /// <remarks><c>mask[i] = [uᵢ ≥ p] / (1 − p)</c>, <c>uᵢ = </c><see cref="DropoutUniform"/><c>(seed, i)</c>: inverted dropout, E[mask] = 1, so nothing changes at inference ("Deep learning and neural networks" notes, "2.4. Dropout layer").</remarks>
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
}
