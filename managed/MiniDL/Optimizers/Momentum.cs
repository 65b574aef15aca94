using MiniDL.Layers;

namespace MiniDL.Optimizers;

/// <summary>Gradient descent with momentum, Day 01's form: <c>v ← βv + η·g</c>, <c>θ ← θ − v</c>.</summary>
/// <remarks>
/// <para>
/// Day 01, "Gradient Descent with Momentum": <c>v₀ = 0</c>, <c>v_t = β v_{t−1} + lr · Δ(w_t)</c>,
/// <c>w_t = w_{t−1} − v_t</c>, so <c>v_t = lr (g_t + β g_{t−1} + β² g_{t−2} + …)</c>: a decaying sum of past steps.
/// </para>
/// <para>
/// PyTorch's <c>SGD(momentum=β)</c> differs: <c>v ← βv + g</c>, <c>w ← w − lr·v</c> (the learning rate is applied
/// after the velocity). The two give the same steps while lr is constant (the lecture's v is lr times PyTorch's);
/// they differ when a schedule changes lr: here past velocity keeps the old lr, in PyTorch the new lr rescales it.
/// </para>
/// </remarks>
public sealed class Momentum : Optimizer
{
    private const int Velocity = 0;

    /// <summary>Creates the optimizer.</summary>
    /// <param name="parameters">The parameters.</param>
    /// <param name="learningRate">lr.</param>
    /// <param name="beta">The momentum factor β (the lecture's γ in its pseudocode), in [0, 1).</param>
    public Momentum(IEnumerable<Parameter> parameters, double learningRate = 0.01, double beta = 0.9)
        : base(parameters, learningRate, stateBuffers: 1)
    {
        if (!(beta >= 0 && beta < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(beta), beta, "Momentum: β must be in [0, 1).");
        }

        Beta = beta;
    }

    /// <summary>The momentum factor β.</summary>
    public double Beta { get; }

    /// <summary>
    /// The update of one weight θ with gradient g and velocity v (0 before the first step). The reference backend runs
    /// it on every weight.
    /// </summary>
    /// <param name="θ">The weight, updated in place.</param>
    /// <param name="g">Its gradient ∂J/∂θ.</param>
    /// <param name="v">Its velocity, updated in place.</param>
    /// <param name="η">The learning rate lr.</param>
    /// <param name="β">The momentum factor.</param>
    public static void Update(ref double θ, double g, ref double v, double η, double β)
    {
        v = β * v + η * g; // v_t = β v_{t−1} + lr · g_t
        θ -= v;            // w_t = w_{t−1} − v_t
    }

    /// <inheritdoc/>
    protected override void UpdateAll(IBackend backend, ParameterBuffers parameters)
        => backend.MomentumStep(LearningRate, Beta, parameters.Gradients, parameters.State(Velocity), parameters.Values);
}
