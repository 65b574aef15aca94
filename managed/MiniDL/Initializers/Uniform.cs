namespace MiniDL.Initializers;

/// <summary>Uniform initialization: <c>W ~ U(−a, a)</c>.</summary>
/// <remarks>
/// Day 01, "Gradient Descent", "Uniform Initialization": trọng số ~ Uniform(−a, a).
/// The mean is 0 and the standard deviation <c>a/√3</c>.
/// </remarks>
public sealed class Uniform : Initializer
{
    /// <summary>Creates the initializer.</summary>
    /// <param name="a">The half-width a, above 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">a is not positive.</exception>
    public Uniform(double a = 0.05)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(a);
        A = a;
    }

    /// <summary>The half-width a.</summary>
    public double A { get; }

    /// <inheritdoc/>
    public override string Name => "uniform";

    /// <inheritdoc/>
    public override double[] Sample(int fanIn, int fanOut, Random random)
    {
        var values = new double[ElementCount(fanIn, fanOut)];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = A * (2.0 * random.NextDouble() - 1.0);
        }

        return values;
    }
}
