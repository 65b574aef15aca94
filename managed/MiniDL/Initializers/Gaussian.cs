namespace MiniDL.Initializers;

/// <summary>Gaussian initialization: <c>W ~ N(0, σ)</c>, σ = 1 by default.</summary>
/// <remarks>
/// Day 01, "Gradient Descent", "Gaussian Initialization": trọng số ~ N(0, 1).
/// The lecture writes the density <c>N(μ, σ²) = 1/(σ√(2π)) e^{−(x−μ)²/(2σ²)}</c>; the parameter here is the standard deviation σ.
/// </remarks>
public sealed class Gaussian : Initializer
{
    /// <summary>Creates the initializer.</summary>
    /// <param name="sigma">The standard deviation σ, above 0 (1 in the lecture).</param>
    /// <exception cref="ArgumentOutOfRangeException">σ is not positive.</exception>
    public Gaussian(double sigma = 1.0)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sigma);
        Sigma = sigma;
    }

    /// <summary>The standard deviation σ.</summary>
    public double Sigma { get; }

    /// <inheritdoc/>
    public override string Name => "gaussian";

    /// <inheritdoc/>
    public override double[] Sample(int fanIn, int fanOut, Random random) => Normal(ElementCount(fanIn, fanOut), Sigma, random);
}
