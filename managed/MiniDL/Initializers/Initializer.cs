namespace MiniDL.Initializers;

/// <summary>
/// A seeded rule for the starting values of a weight matrix <c>W</c> of shape fan_in × fan_out
/// (lesson 7's <c>W^(l) ∈ R^{d(l−1) × d(l)}</c>: inputs × outputs).
/// </summary>
/// <remarks>
/// Day 01, "Gradient Descent" ("x_0 được khởi tạo theo nhiều cách"): Gaussian, Uniform,
/// Xavier/Glorot and He. Every sample comes from <see cref="Random"/> constructed with a seed, so the same seed
/// gives the same weights on every run; normal samples use the Box–Muller transform (<see cref="NextGaussian"/>).
/// Values are drawn in float64 on the host once, at construction, then uploaded to the model's backend.
/// </remarks>
public abstract class Initializer
{
    /// <summary>A short name, e.g. "xavier".</summary>
    public abstract string Name { get; }

    /// <summary>Draws <c>fanIn × fanOut</c> values, row-major, from the distribution for this shape.</summary>
    /// <param name="fanIn">Number of inputs (rows of W), at least 1.</param>
    /// <param name="fanOut">Number of outputs (columns of W), at least 1.</param>
    /// <param name="random">The seeded random source.</param>
    /// <returns>The values.</returns>
    public abstract double[] Sample(int fanIn, int fanOut, Random random);

    /// <summary>Draws the values for a fan_in × fan_out matrix from a seed.</summary>
    /// <param name="fanIn">Number of inputs (rows), at least 1.</param>
    /// <param name="fanOut">Number of outputs (columns), at least 1.</param>
    /// <param name="seed">The seed; the same seed gives the same values.</param>
    /// <returns>The <c>fanIn × fanOut</c> values, row-major.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A fan is below 1.</exception>
    public double[] Sample(int fanIn, int fanOut, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(fanIn, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(fanOut, 1);
        return Sample(fanIn, fanOut, new Random(seed));
    }

    /// <summary>A new fan_in × fan_out tensor on <paramref name="backend"/> (the reference backend when null).</summary>
    /// <param name="fanIn">Number of inputs (rows), at least 1.</param>
    /// <param name="fanOut">Number of outputs (columns), at least 1.</param>
    /// <param name="seed">The seed.</param>
    /// <param name="backend">Where the tensor lives.</param>
    /// <returns>The initialized weight matrix.</returns>
    public Tensor Create(int fanIn, int fanOut, int seed, IBackend? backend = null)
        => Tensor.FromArray(Sample(fanIn, fanOut, seed), fanIn, fanOut, backend);

    /// <summary>The initializer for a name: "gaussian", "uniform" (a = 0.05), "xavier" or "he".</summary>
    /// <param name="name">The name, case-insensitive.</param>
    /// <returns>The initializer.</returns>
    /// <exception cref="ArgumentException">The name is not known.</exception>
    public static Initializer FromName(string name) => name.ToLowerInvariant() switch
    {
        "gaussian" or "normal" => new Gaussian(),
        "uniform" => new Uniform(),
        "xavier" or "glorot" => new Xavier(),
        "he" or "kaiming" => new He(),
        _ => throw new ArgumentException($"Initializer.FromName: '{name}' is not known (use gaussian, uniform, xavier or he).", nameof(name)),
    };

    /// <summary>
    /// The element count <c>fanIn × fanOut</c> in 64-bit arithmetic, checked against the largest array .NET can
    /// allocate (a product that does not fit is an error, never a wrapped 32-bit number).
    /// </summary>
    /// <param name="fanIn">Number of inputs (rows), at least 1.</param>
    /// <param name="fanOut">Number of outputs (columns), at least 1.</param>
    /// <returns>The count.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A fan is below 1 or the product exceeds <see cref="Array.MaxLength"/>.</exception>
    public static int ElementCount(int fanIn, int fanOut)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(fanIn, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(fanOut, 1);
        long count = (long)fanIn * fanOut;
        if (count > Array.MaxLength)
        {
            throw new ArgumentOutOfRangeException(
                nameof(fanOut),
                $"Initializer: a {fanIn} × {fanOut} weight matrix has {count} values, more than the {Array.MaxLength} one array can hold ({count * 8 / (1024.0 * 1024 * 1024):F1} GiB in float64).");
        }

        return (int)count;
    }

    /// <summary>
    /// One standard normal sample by the Box–Muller transform: with <c>u₁, u₂ ~ U(0, 1]</c>,
    /// <c>z = √(−2 ln u₁) cos(2π u₂)</c> is N(0, 1).
    /// </summary>
    /// <param name="random">The random source.</param>
    /// <returns>A sample of N(0, 1).</returns>
    public static double NextGaussian(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        double u1 = 1.0 - random.NextDouble(); // in (0, 1], so ln u1 is finite
        double u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>Fills <paramref name="count"/> samples of N(0, σ) — σ the standard deviation, as the lecture writes it.</summary>
    /// <param name="count">Number of samples.</param>
    /// <param name="sigma">Standard deviation σ (not the variance).</param>
    /// <param name="random">The random source.</param>
    /// <returns>The samples.</returns>
    protected static double[] Normal(int count, double sigma, Random random)
    {
        var values = new double[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = sigma * NextGaussian(random);
        }

        return values;
    }
}
