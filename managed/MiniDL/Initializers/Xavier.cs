namespace MiniDL.Initializers;

/// <summary>Xavier/Glorot initialization: <c>W ~ N(0, σ = √(2 / (fan_in + fan_out)))</c>.</summary>
/// <remarks>
/// Day 01, "Gradient Descent", "Xavier/Glorot Initialization":
/// trọng số ~ N(0, √(2 / (số lượng đầu vào + số lượng đầu ra))). Here the lecture writes N(0, σ), the second
/// argument the standard deviation σ (a square root is a standard deviation: Glorot and Bengio's variance is
/// 2/(fan_in + fan_out)), and this class draws with that σ, as PyTorch's <c>xavier_normal_</c> does
/// (σ = gain·√(2/(fan_in+fan_out))). Day 01's Gaussian density is written <c>N(μ, σ²)</c>; under that notation the
/// number would be the variance, which is not what the lecture means here.
/// </remarks>
public sealed class Xavier : Initializer
{
    /// <inheritdoc/>
    public override string Name => "xavier";

    /// <summary>σ = √(2 / (fan_in + fan_out)).</summary>
    /// <param name="fanIn">Number of inputs.</param>
    /// <param name="fanOut">Number of outputs.</param>
    /// <returns>The standard deviation.</returns>
    public static double Sigma(int fanIn, int fanOut) => Math.Sqrt(2.0 / (fanIn + fanOut));

    /// <inheritdoc/>
    public override double[] Sample(int fanIn, int fanOut, Random random)
        => Normal(ElementCount(fanIn, fanOut), Sigma(fanIn, fanOut), random);
}
