using MiniDL.Backends;
using MiniDL.Layers;

namespace MiniDL.Optimizers;

/// <summary>Gradient descent with momentum, Day 01's form: <c>v ← βv + lr·g</c>, <c>w ← w − v</c>.</summary>
/// <remarks>
/// <para>
/// Day 01 (../shared/seeds/004_33cc2cf3ed509fa4.txt), "Gradient Descent with Momentum": <c>v₀ = 0</c>,
/// <c>v_t = β v_{t−1} + lr · Δ(w_t)</c>, <c>w_t = w_{t−1} − v_t</c>, so
/// <c>v_t = lr (g_t + β g_{t−1} + β² g_{t−2} + …)</c>: a decaying sum of past steps. Kernel: <see cref="IBackend.MomentumStep"/>.
/// </para>
/// <para>
/// PyTorch's <c>SGD(momentum=β)</c> differs: <c>v ← βv + g</c>, <c>w ← w − lr·v</c> (the learning rate is applied
/// after the velocity). The two give the same steps while lr is constant (the lecture's v is lr times PyTorch's);
/// they differ when a schedule changes lr: here past velocity keeps the old lr, in PyTorch the new lr rescales it.
/// </para>
/// </remarks>
public sealed class Momentum : Optimizer
{
    private readonly Storage?[] _velocity;

    /// <summary>Creates the optimizer.</summary>
    /// <param name="parameters">The parameters.</param>
    /// <param name="learningRate">lr.</param>
    /// <param name="beta">The momentum factor β (the lecture's γ in its pseudocode), in [0, 1).</param>
    public Momentum(IEnumerable<Parameter> parameters, double learningRate = 0.01, double beta = 0.9)
        : base(parameters, learningRate)
    {
        if (!(beta >= 0 && beta < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(beta), beta, "Momentum: β must be in [0, 1).");
        }

        Beta = beta;
        _velocity = new Storage?[Parameters.Count];
    }

    /// <summary>The momentum factor β.</summary>
    public double Beta { get; }

    /// <inheritdoc/>
    protected override void Update(int index, Parameter parameter, Storage grad)
        => parameter.Backend.MomentumStep(LearningRate, Beta, grad, State(_velocity, index, parameter), parameter.Value.Storage);
}
