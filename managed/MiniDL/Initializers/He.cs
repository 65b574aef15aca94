namespace MiniDL.Initializers;

/// <summary>He initialization: <c>W ~ N(0, σ = √(2 / fan_in))</c>, suited to ReLU layers.</summary>
/// <remarks>
/// Day 01, "Gradient Descent", "He Initialization": trọng số ~ N(0, √(2 / số lượng đầu vào)).
/// The second argument is the standard deviation σ, as the lecture writes it (PyTorch's <c>kaiming_normal_</c>
/// uses the same σ with its default ReLU gain).
/// </remarks>
public sealed class He : Initializer
{
    /// <inheritdoc/>
    public override string Name => "he";

    /// <summary>σ = √(2 / fan_in).</summary>
    /// <param name="fanIn">Number of inputs.</param>
    /// <returns>The standard deviation.</returns>
    public static double Sigma(int fanIn) => Math.Sqrt(2.0 / fanIn);

    /// <inheritdoc/>
    public override double[] Sample(int fanIn, int fanOut, Random random)
        => Normal(ElementCount(fanIn, fanOut), Sigma(fanIn), random);
}
