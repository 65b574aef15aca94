using MiniDL.Layers;

namespace MiniDL.Optimizers;

/// <summary>Gradient descent: <c>θ ← θ − η ∇f(θ)</c>.</summary>
/// <remarks>
/// Day 01, "Gradient Descent": <c>θ_{t+1} = θ_t − η ∇_θ f(θ_t)</c>; IT4653 Lesson 1 "Introduction to deep learning",
/// "Gradient Descent": <c>w ← w − η ∇J(w; X, Y)</c>. Whether it is "stochastic" (one sample), mini-batch or batch
/// gradient descent depends only on how many samples the gradient was computed from (Day 01, "Mini-Batch vs Batch
/// Gradient Descent"): that is the trainer's <c>BatchMode</c>, not the optimizer.
/// </remarks>
public sealed class Sgd : Optimizer
{
    /// <summary>Creates the optimizer.</summary>
    /// <param name="parameters">The parameters.</param>
    /// <param name="learningRate">η.</param>
    public Sgd(IEnumerable<Parameter> parameters, double learningRate = 0.01)
        : base(parameters, learningRate)
    {
    }

    /// <summary>The update of one weight θ with gradient g: <c>θ ← θ − η g</c>. The reference backend runs it on every weight.</summary>
    /// <param name="θ">The weight, updated in place.</param>
    /// <param name="g">Its gradient ∂J/∂θ.</param>
    /// <param name="η">The learning rate.</param>
    public static void Update(ref double θ, double g, double η)
    {
        θ -= η * g;
    }

    /// <inheritdoc/>
    protected override void UpdateAll(IBackend backend, ParameterBuffers parameters)
        => backend.SgdStep(LearningRate, parameters.Gradients, parameters.Values);
}
