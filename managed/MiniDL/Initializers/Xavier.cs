namespace MiniDL.Initializers;

/// <summary>Xavier/Glorot initialization: <c>W ~ N(0, σ = √(2 / (fan_in + fan_out)))</c>.</summary>
/// <remarks>
/// Day 01, "Xavier/Glorot Initialization:
/// trọng số ~ N(0, √(2 / (số lượng đầu vào + số lượng đầu ra)))". The lecture writes the second argument as
/// the standard deviation σ, and so does this class. (PyTorch's <c>xavier_normal_</c> draws with the same σ
/// = gain·√(2/(fan_in+fan_out)); the lecture's <c>N(0, ·)</c> notation elsewhere means N(μ, σ²), so read the
/// number as σ.)
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
