using MiniDL.Layers;

namespace MiniDL.Optimizers;

/// <summary>Adam (adaptive moment estimation) with the lecture's defaults lr = 0.001, β₁ = 0.9, β₂ = 0.999, ε = 1e−8.</summary>
/// <remarks>
/// Day 01, "Adam (Adaptive Moment Estimation)": <c>m₀ = v₀ = 0</c>, <c>t = 0</c>; each step <c>t ← t + 1</c>,
/// <c>m_t = β₁ m_{t−1} + (1 − β₁) g_t</c>, <c>v_t = β₂ v_{t−1} + (1 − β₂) g_t²</c>,
/// <c>m̂_t = m_t / (1 − β₁ᵗ)</c>, <c>v̂_t = v_t / (1 − β₂ᵗ)</c>, <c>θ_t = θ_{t−1} − lr m̂_t / (√v̂_t + ε)</c>
/// (the same as PyTorch's): <see cref="Update"/>. t is <see cref="Optimizer.Steps"/>.
/// </remarks>
public sealed class Adam : Optimizer
{
    /// <summary>The lecture's default learning rate, 0.001.</summary>
    public const double DefaultLearningRate = 0.001;

    private const int M = 0;
    private const int V = 1;

    /// <summary>Creates the optimizer.</summary>
    /// <param name="parameters">The parameters.</param>
    /// <param name="learningRate">lr (0.001).</param>
    /// <param name="beta1">β₁ (0.9), in [0, 1).</param>
    /// <param name="beta2">β₂ (0.999), in [0, 1).</param>
    /// <param name="epsilon">ε (1e−8), above 0.</param>
    public Adam(IEnumerable<Parameter> parameters, double learningRate = DefaultLearningRate, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8)
        : base(parameters, learningRate, stateBuffers: 2)
    {
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(beta1), $"Adam: β₁ = {beta1} and β₂ = {beta2} must be in [0, 1).");
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(epsilon);
        Beta1 = beta1;
        Beta2 = beta2;
        Epsilon = epsilon;
    }

    /// <summary>β₁, the decay of the first moment.</summary>
    public double Beta1 { get; }

    /// <summary>β₂, the decay of the second moment.</summary>
    public double Beta2 { get; }

    /// <summary>ε, added to √v̂.</summary>
    public double Epsilon { get; }

    /// <summary>
    /// The update of one weight θ with gradient g at step t ≥ 1; m and v are its moments (0 before the first step).
    /// The reference backend runs it on every weight, with β₁ᵗ and β₂ᵗ computed once per step.
    /// </summary>
    /// <param name="θ">The weight, updated in place.</param>
    /// <param name="g">Its gradient g_t = ∂J/∂θ.</param>
    /// <param name="m">The first moment, updated in place.</param>
    /// <param name="v">The second moment, updated in place.</param>
    /// <param name="η">The learning rate lr.</param>
    /// <param name="β1">β₁.</param>
    /// <param name="β2">β₂.</param>
    /// <param name="ε">ε.</param>
    /// <param name="β1t">β₁ᵗ, β₁ to the power t.</param>
    /// <param name="β2t">β₂ᵗ, β₂ to the power t.</param>
    public static void Update(ref double θ, double g, ref double m, ref double v, double η, double β1, double β2, double ε, double β1t, double β2t)
    {
        m = β1 * m + (1 - β1) * g;             // m_t = β₁ m_{t−1} + (1 − β₁) g_t
        v = β2 * v + (1 - β2) * g * g;         // v_t = β₂ v_{t−1} + (1 − β₂) g_t²
        double mHat = m / (1 - β1t);           // m̂_t = m_t / (1 − β₁ᵗ)
        double vHat = v / (1 - β2t);           // v̂_t = v_t / (1 − β₂ᵗ)
        θ -= η * mHat / (Math.Sqrt(vHat) + ε); // θ_t = θ_{t−1} − lr m̂_t / (√v̂_t + ε)
    }

    /// <inheritdoc/>
    protected override void UpdateAll(IBackend backend, ParameterBuffers parameters)
        => backend.AdamStep(LearningRate, Beta1, Beta2, Epsilon, Steps, parameters.Gradients, parameters.State(M), parameters.State(V), parameters.Values);
}
