using MiniDL.Backends;
using MiniDL.Layers;

namespace MiniDL.Optimizers;

/// <summary>Adam (adaptive moment estimation) with the lecture's defaults lr = 0.001, β₁ = 0.9, β₂ = 0.999, ε = 1e−8.</summary>
/// <remarks>
/// Day 01 (../shared/seeds/004_33cc2cf3ed509fa4.txt), "Adam": <c>m₀ = v₀ = 0</c>, <c>t = 0</c>; each step <c>t ← t + 1</c>,
/// <c>m_t = β₁ m_{t−1} + (1 − β₁) g_t</c>, <c>v_t = β₂ v_{t−1} + (1 − β₂) g_t²</c>,
/// <c>m̂_t = m_t / (1 − β₁ᵗ)</c>, <c>v̂_t = v_t / (1 − β₂ᵗ)</c>, <c>θ_t = θ_{t−1} − lr m̂_t / (√v̂_t + ε)</c>
/// (the same as PyTorch's). Kernel: <see cref="IBackend.AdamStep"/>; t is <see cref="Optimizer.Steps"/>.
/// </remarks>
public sealed class Adam : Optimizer
{
    /// <summary>The lecture's default learning rate, 0.001.</summary>
    public const double DefaultLearningRate = 0.001;

    private readonly Storage?[] _m;
    private readonly Storage?[] _v;

    /// <summary>Creates the optimizer.</summary>
    /// <param name="parameters">The parameters.</param>
    /// <param name="learningRate">lr (0.001).</param>
    /// <param name="beta1">β₁ (0.9), in [0, 1).</param>
    /// <param name="beta2">β₂ (0.999), in [0, 1).</param>
    /// <param name="epsilon">ε (1e−8), above 0.</param>
    public Adam(IEnumerable<Parameter> parameters, double learningRate = DefaultLearningRate, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8)
        : base(parameters, learningRate)
    {
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(beta1), $"Adam: β₁ = {beta1} and β₂ = {beta2} must be in [0, 1).");
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(epsilon);
        Beta1 = beta1;
        Beta2 = beta2;
        Epsilon = epsilon;
        _m = new Storage?[Parameters.Count];
        _v = new Storage?[Parameters.Count];
    }

    /// <summary>β₁, the decay of the first moment.</summary>
    public double Beta1 { get; }

    /// <summary>β₂, the decay of the second moment.</summary>
    public double Beta2 { get; }

    /// <summary>ε, added to √v̂.</summary>
    public double Epsilon { get; }

    /// <inheritdoc/>
    protected override void Update(int index, Parameter parameter, Storage grad)
        => parameter.Backend.AdamStep(
            LearningRate, Beta1, Beta2, Epsilon, Steps, grad, State(_m, index, parameter), State(_v, index, parameter), parameter.Value.Storage);
}
