using FsCheck;
using FsCheck.Fluent;
using MiniDL.Backends;

namespace MiniDL.Tests.Native;

/// <summary>One random kernel case: a shape, a seed for the values, and a parameter.</summary>
public sealed record KernelCase(int Rows, int Cols, int Seed, double P)
{
    /// <summary>rows × cols.</summary>
    public long Length => (long)Rows * Cols;

    /// <summary>Draws cases: rows and columns in 1…<paramref name="maxDim"/>, any seed, p from <paramref name="p"/>.</summary>
    public static Gen<KernelCase> Gen(int maxDim = 9, Gen<double>? p = null)
        => from r in FsCheck.Fluent.Gen.Choose(1, maxDim)
           from c in FsCheck.Fluent.Gen.Choose(1, maxDim)
           from s in FsCheck.Fluent.Gen.Choose(0, 1_000_000_000)
           from pp in p ?? FsCheck.Fluent.Gen.Constant(0.0)
           select new KernelCase(r, c, s, pp);

    /// <inheritdoc/>
    public override string ToString() => $"({Rows}, {Cols}) seed {Seed} p {P:R}";
}

/// <summary>
/// Runs one kernel on a native backend and on <see cref="ReferenceBackend"/> with the same inputs and compares the
/// results. For a float32 backend the inputs are rounded to float32 first and given to both, so the comparison
/// measures the kernel's arithmetic, not the rounding of its inputs.
/// </summary>
public sealed class NativeAgreement : IDisposable
{
    private readonly List<Storage> _owned = [];

    public NativeAgreement(IBackend native, int seed)
    {
        Native = native;
        Rng = new Random(seed);
        Tolerance = native.DType == DType.Float32 ? 1e-5 : 1e-12;
    }

    public IBackend Native { get; }

    public static ReferenceBackend Reference => ReferenceBackend.Instance;

    public Random Rng { get; }

    /// <summary>Per-element bound: |native − reference| ≤ Tolerance · (scale + |reference|).</summary>
    public double Tolerance { get; }

    public bool IsFloat32 => Native.DType == DType.Float32;

    /// <summary>A value as the backend stores it (float32-rounded on a float32 backend).</summary>
    public double Round(double v) => IsFloat32 ? (float)v : v;

    /// <summary>The same values on both backends.</summary>
    public Pair From(double[] values)
    {
        var v = values.Select(Round).ToArray();
        var r = Reference.Allocate(v.Length);
        var n = Native.Allocate(v.Length);
        _owned.Add(r);
        _owned.Add(n);
        Reference.Upload(v, r);
        Native.Upload(v, n);
        return new Pair(r, n, v);
    }

    /// <summary><paramref name="length"/> values uniform in [lo, hi].</summary>
    public Pair Uniform(long length, double lo, double hi) => Draw(length, rng => lo + (hi - lo) * rng.NextDouble());

    /// <summary><paramref name="length"/> values from <paramref name="draw"/>.</summary>
    public Pair Draw(long length, Func<Random, double> draw)
    {
        var v = new double[length];
        for (long i = 0; i < length; i++)
        {
            v[i] = draw(Rng);
        }

        return From(v);
    }

    /// <summary>Asserts the two results agree element by element.</summary>
    public void AssertClose(string what, Pair pair, double scale = 1.0, double[]? magnitude = null)
    {
        var r = new double[pair.R.Length];
        var n = new double[pair.N.Length];
        Reference.Download(pair.R, r);
        Native.Download(pair.N, n);
        for (int i = 0; i < r.Length; i++)
        {
            double expected = r[i], actual = n[i];
            if (double.IsNaN(expected) && double.IsNaN(actual))
            {
                continue;
            }

            double bound = Tolerance * (scale + Math.Abs(expected) + (magnitude is null ? 0 : magnitude[i]));
            if (!(Math.Abs(actual - expected) <= bound) && actual != expected)
            {
                Assert.Fail($"{what} on {Native} element {i} of {r.Length}: native {actual:R}, reference {expected:R}, "
                    + $"difference {Math.Abs(actual - expected):G3} > {bound:G3}.");
            }
        }
    }

    /// <summary>Downloads the native result.</summary>
    public double[] NativeValues(Pair pair)
    {
        var n = new double[pair.N.Length];
        Native.Download(pair.N, n);
        return n;
    }

    /// <summary>Downloads the reference result.</summary>
    public static double[] ReferenceValues(Pair pair)
    {
        var r = new double[pair.R.Length];
        Reference.Download(pair.R, r);
        return r;
    }

    public void Dispose()
    {
        foreach (var s in _owned)
        {
            s.Dispose();
        }
    }

    /// <summary>One buffer on each backend holding the same values.</summary>
    public sealed record Pair(Storage R, Storage N, double[] Values);
}
