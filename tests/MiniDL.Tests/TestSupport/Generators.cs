namespace MiniDL.Tests.TestSupport;

/// <summary>A matrix drawn by a generator: its shape and row-major values.</summary>
public sealed record MatrixCase(int Rows, int Columns, double[] Values)
{
    /// <summary>The matrix as a tensor on <paramref name="backend"/>.</summary>
    public Tensor ToTensor(MiniDL.Backends.IBackend backend) => Tensor.FromArray(Values, Rows, Columns, backend);

    /// <inheritdoc/>
    public override string ToString() => $"({Rows}, {Columns}) [{string.Join(", ", Values.Select(v => v.ToString("G4")))}]";
}

/// <summary>Bounded, kink-free generators (minitorch's advice): shapes 1…6, values in a range.</summary>
public static class Generators
{
    /// <summary>A dimension between 1 and 6.</summary>
    public static Gen<int> Dimension => Gen.Choose(1, 6);

    /// <summary>A value uniformly in [lo, hi] at a resolution of 1e-4.</summary>
    public static Gen<double> Value(double lo, double hi)
        => Gen.Choose(0, 10000).Select(i => lo + (hi - lo) * i / 10000.0);

    /// <summary>A value in [lo, hi] whose magnitude is at least <paramref name="gap"/> (kept away from a kink at 0).</summary>
    public static Gen<double> AwayFromZero(double lo, double hi, double gap)
        => Value(lo, hi).Where(v => Math.Abs(v) >= gap);

    /// <summary>A rows × columns matrix of values from <paramref name="value"/>.</summary>
    public static Gen<MatrixCase> Matrix(int rows, int columns, Gen<double> value)
        => Gen.ArrayOf(value, rows * columns).Select(v => new MatrixCase(rows, columns, v));

    /// <summary>A matrix of random shape (1…6 × 1…6) with values in [−2, 2].</summary>
    public static Gen<MatrixCase> AnyMatrix(Gen<double>? value = null)
        => from r in Dimension
           from c in Dimension
           from m in Matrix(r, c, value ?? Value(-2, 2))
           select m;
}
