using MiniDL.Backends;
using MiniDL.Layers;

namespace MiniDL.Optimizers;

/// <summary>Gradient descent: <c>θ ← θ − η ∇f(θ)</c>.</summary>
/// <remarks>
/// Day 01 (../shared/seeds/004_33cc2cf3ed509fa4.txt): <c>θ_{t+1} = θ_t − η ∇_θ f(θ_t)</c>; lesson 1
/// (../shared/seeds/002_4a203cd00db27354.txt) the same for <c>L(W)</c>. Whether it is "stochastic" (one sample),
/// mini-batch or batch gradient descent depends only on how many samples the gradient was computed from:
/// that is the trainer's <c>BatchMode</c>, not the optimizer. Kernel: <see cref="IBackend.SgdStep"/>.
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

    /// <inheritdoc/>
    protected override void Update(int index, Parameter parameter, Storage grad)
        => parameter.Backend.SgdStep(LearningRate, grad, parameter.Value.Storage);
}
