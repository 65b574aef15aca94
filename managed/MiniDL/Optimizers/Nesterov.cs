using MiniDL.Layers;

namespace MiniDL.Optimizers;

/// <summary>Nesterov accelerated gradient (NAG) in the look-ahead form of Day 01's momentum: <c>v ← βv + η·∇f(θ − βv)</c>, <c>θ ← θ − v</c>.</summary>
/// <remarks>
/// <para>
/// The "Deep learning and neural networks" notes, "3.2. Optimization", name NAG without a formula; this is the
/// look-ahead form consistent with Day 01's "Gradient Descent with Momentum" (<c>v_t = βv_{t−1} + lr·Δ(w)</c>,
/// <c>w_t = w_{t−1} − v_t</c>): the gradient is taken where momentum is about to carry the weights,
/// <c>v_t = β v_{t−1} + lr ∇f(w_{t−1} − β v_{t−1})</c>, <c>w_t = w_{t−1} − v_t</c>.
/// </para>
/// <para>
/// Backpropagation gives the gradient at the weights the model holds, not at <c>w − βv</c>. The standard change of
/// variables fixes that: let the model hold the look-ahead point <c>w̃ = w − βv</c>. Then
/// <c>g_t = ∇f(w̃_{t−1})</c> is exactly the gradient backpropagation returns, and
/// </para>
/// <para>
/// <c>w̃_t = w_t − βv_t = w_{t−1} − v_t − βv_t = w̃_{t−1} + βv_{t−1} − v_t − βv_t</c>, and with
/// <c>v_t = βv_{t−1} + lr g_t</c> the <c>βv_{t−1}</c> cancels: <c>w̃_t = w̃_{t−1} − lr g_t − β v_t</c>.
/// </para>
/// <para>
/// So each step is <c>v ← βv + lr·g</c> and <c>w̃ ← w̃ − βv − lr·g</c> (<see cref="Update"/>), all with the gradient
/// at the held weights. The held weights are the look-ahead point; as training converges v → 0 and the two coincide.
/// PyTorch's <c>SGD(nesterov=True)</c>, <c>v ← βv + g</c>, <c>w ← w − lr(g + βv)</c>, is the same update with its
/// velocity measured without lr (equal while lr is constant).
/// </para>
/// </remarks>
public sealed class Nesterov : Optimizer
{
    private const int Velocity = 0;

    /// <summary>Creates the optimizer.</summary>
    /// <param name="parameters">The parameters.</param>
    /// <param name="learningRate">lr.</param>
    /// <param name="beta">The momentum factor β, in [0, 1).</param>
    public Nesterov(IEnumerable<Parameter> parameters, double learningRate = 0.01, double beta = 0.9)
        : base(parameters, learningRate, stateBuffers: 1)
    {
        if (!(beta >= 0 && beta < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(beta), beta, "Nesterov: β must be in [0, 1).");
        }

        Beta = beta;
    }

    /// <summary>The momentum factor β.</summary>
    public double Beta { get; }

    /// <summary>
    /// The update of one held weight θ = w̃ (the look-ahead point) with gradient g and velocity v (0 before the first
    /// step). The reference backend runs it on every weight.
    /// </summary>
    /// <param name="θ">The held weight w̃, updated in place.</param>
    /// <param name="g">Its gradient ∂J/∂θ.</param>
    /// <param name="v">Its velocity, updated in place.</param>
    /// <param name="η">The learning rate lr.</param>
    /// <param name="β">The momentum factor.</param>
    public static void Update(ref double θ, double g, ref double v, double η, double β)
    {
        v = β * v + η * g;     // v_t = β v_{t−1} + lr · g_t
        θ = θ - β * v - η * g; // w̃_t = w̃_{t−1} − β v_t − lr · g_t
    }

    /// <inheritdoc/>
    protected override void UpdateAll(IBackend backend, ParameterBuffers parameters)
        => backend.NesterovStep(LearningRate, Beta, parameters.Gradients, parameters.State(Velocity), parameters.Values);
}
