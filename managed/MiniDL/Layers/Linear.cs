using MiniDL.Autograd.Activations;
using MiniDL.Autograd.Nodes;
using MiniDL.Initializers;

namespace MiniDL.Layers;

/// <summary>A fully connected layer <c>Y = X W + b</c>, W of shape inputs × outputs, b one row of outputs.</summary>
/// <remarks>
/// Lesson 7 "Neural Network", "Fully connected Network":
/// <c>W^(l) ∈ R^{d(l−1) × d(l)}</c>, <c>z^(l) = W^(l)ᵀ a^(l−1) + b^(l)</c> for one sample as a column; with the
/// samples as the rows of X this is <c>Z = X W + b</c>, the matmul node followed by the add-bias node.
/// W is stored inputs × outputs as in the lecture (PyTorch's <c>nn.Linear</c> stores outputs × inputs: transpose
/// when exchanging weights). W is drawn by an <see cref="Initializer"/> (Xavier by default), b starts at zero.
/// The "Deep learning and neural networks" notes ("2.1. Linear layer") write <c>y = W X</c>, samples as columns and no
/// bias: the same map transposed.
/// With an <see cref="Activation"/> other than identity the layer computes <c>A = f(X W + b)</c>: the activation node
/// follows the add-bias node (lecture 7's <c>a^(l) = f(z^(l))</c>).
/// </remarks>
public sealed class Linear : Layer
{
    /// <summary>Creates the layer with fresh weights.</summary>
    /// <param name="inputs">Number of input features d(l−1), at least 1.</param>
    /// <param name="outputs">Number of outputs d(l), at least 1.</param>
    /// <param name="initializer">How W is drawn; <see cref="Xavier"/> when null.</param>
    /// <param name="seed">The seed for W.</param>
    /// <param name="backend">Where the parameters live (reference when null).</param>
    /// <param name="activation">An activation applied after the layer, <c>A = f(X W + b)</c>; identity (none) by default.</param>
    /// <param name="activationParameter">γ for Leaky ReLU, α for ELU; the lecture's default when null.</param>
    public Linear(
        int inputs,
        int outputs,
        Initializer? initializer = null,
        int seed = 0,
        IBackend? backend = null,
        Activation activation = Activation.Identity,
        double? activationParameter = null)
        : base(backend)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputs, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outputs, 1);
        double parameter = activationParameter ?? activation.DefaultParameter();
        Inputs = inputs;
        Outputs = outputs;
        Activation = activation;
        ActivationParameter = parameter;
        Weight = new Parameter("W", (initializer ?? new Xavier()).Create(inputs, outputs, seed, Backend), regularized: true);
        Bias = new Parameter("b", Tensor.Zeros(1, outputs, Backend));
    }

    /// <summary>Creates the layer from given row-major values (e.g. a lecture example or a checkpoint).</summary>
    /// <param name="weights">W, <c>inputs × outputs</c> values, row-major.</param>
    /// <param name="bias">b, <c>outputs</c> values.</param>
    /// <param name="inputs">Number of inputs.</param>
    /// <param name="outputs">Number of outputs.</param>
    /// <param name="backend">Where the parameters live.</param>
    /// <returns>The layer.</returns>
    public static Linear FromValues(double[] weights, double[] bias, int inputs, int outputs, IBackend? backend = null)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(bias);
        var layer = new Linear(inputs, outputs, new Gaussian(), 0, backend);
        layer.Weight.Load(weights);
        layer.Bias.Load(bias);
        return layer;
    }

    /// <summary>Number of inputs d(l−1).</summary>
    public int Inputs { get; }

    /// <summary>Number of outputs d(l).</summary>
    public int Outputs { get; }

    /// <summary>The activation f (<see cref="Activation.Identity"/> for a plain linear layer).</summary>
    public Activation Activation { get; }

    /// <summary>γ for Leaky ReLU, α for ELU, 0 otherwise.</summary>
    public double ActivationParameter { get; }

    /// <summary>W, inputs × outputs.</summary>
    public Parameter Weight { get; }

    /// <summary>b, 1 × outputs.</summary>
    public Parameter Bias { get; }

    /// <summary>
    /// <c>Y = X W + b</c>: lecture 7's matmul node, then its add-bias node; with an activation,
    /// <c>A = f(X W + b)</c>: then the activation node.
    /// </summary>
    /// <param name="x">X, shape (n, inputs).</param>
    /// <returns>Y, shape (n, outputs).</returns>
    public override Node Forward(Node x)
    {
        RequireFeatures(x, Inputs);
        var z = AddBias.Forward(MatMul.Forward(x, Weight.Node), Bias.Node); // Z = X W + b
        return ActivationFunctions.Apply(Activation, z, ActivationParameter); // A = f(Z)
    }

    /// <inheritdoc/>
    public override IEnumerable<Parameter> Parameters() => [Weight, Bias];

    /// <inheritdoc/>
    public override string ToString() => Activation == Activation.Identity ? $"Linear({Inputs} → {Outputs})" : $"Linear({Inputs} → {Outputs}, {Activation})";
}
