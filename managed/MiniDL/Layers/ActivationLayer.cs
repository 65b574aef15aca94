using MiniDL.Autograd.Activations;

namespace MiniDL.Layers;

/// <summary>An element-wise activation as a layer: <c>A = f(Z)</c> (lesson 7's <c>a^(l) = f(z^(l))</c>).</summary>
/// <remarks>
/// The activations are those of Lesson 7 "Neural Network" ("Hàm phi tuyến (Non-linear/Activation function)"), the "Deep learning and neural networks" notes
/// ("2.2. Activation layer") and Day 01 ("Activate Functions"): sigmoid, tanh, ReLU, Leaky ReLU (γ = 0.1), ELU (α = 1), or none.
/// Each is its own graph node under Autograd/Activations/. It has no parameters.
/// </remarks>
public sealed class ActivationLayer : Layer
{
    /// <summary>Creates the layer.</summary>
    /// <param name="kind">The activation.</param>
    /// <param name="parameter">γ for Leaky ReLU, α for ELU; the lecture's default when null.</param>
    /// <param name="backend">The backend (no parameters; kept for consistency).</param>
    public ActivationLayer(Activation kind, double? parameter = null, IBackend? backend = null)
        : base(backend)
    {
        Kind = kind;
        Parameter = parameter ?? kind.DefaultParameter();
    }

    /// <summary>The activation.</summary>
    public Activation Kind { get; }

    /// <summary>γ for Leaky ReLU, α for ELU, 0 otherwise.</summary>
    public double Parameter { get; }

    /// <summary><c>A = f(Z)</c>, element-wise.</summary>
    /// <param name="x">Z, any shape.</param>
    /// <returns>A, the shape of Z (Z itself for <see cref="Activation.Identity"/>).</returns>
    public override Node Forward(Node x) => ActivationFunctions.Apply(Kind, x, Parameter);

    /// <inheritdoc/>
    public override string ToString() => Kind.ToString();
}
