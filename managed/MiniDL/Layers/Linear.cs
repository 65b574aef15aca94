using MiniDL.Autograd;
using MiniDL.Autograd.Activations;
using MiniDL.Autograd.Nodes;
using MiniDL.Backends;
using MiniDL.Initializers;

namespace MiniDL.Layers;

/// <summary>A fully connected layer <c>Y = X W + b</c>, W of shape inputs × outputs, b one row of outputs.</summary>
/// <remarks>
/// Lesson 7 (../shared/seeds/001_31ae95545f97e0fa.txt), "Fully connected Network":
/// <c>W^(l) ∈ R^{d(l−1) × d(l)}</c>, <c>z^(l) = W^(l)ᵀ a^(l−1) + b^(l)</c> for one sample as a column; with the
/// samples as the rows of X this is <c>Z = X W + b</c>, the matmul node followed by the add-bias node.
/// W is stored inputs × outputs as in the lecture (PyTorch's <c>nn.Linear</c> stores outputs × inputs: transpose
/// when exchanging weights). W is drawn by an <see cref="Initializer"/> (Xavier by default), b starts at zero.
/// With an <see cref="Activation"/> other than identity the layer computes <c>A = f(X W + b)</c>, the add-bias and the
/// activation fused into one node (<see cref="AddBiasActivation"/>); the default is the plain linear layer, whose graph
/// shows lecture 7's separate nodes. (<see cref="Sequential"/> also fuses a linear layer followed by an
/// <see cref="ActivationLayer"/> when it runs them.)
/// </remarks>
public sealed class Linear : Layer
{
    /// <summary>Creates the layer with fresh weights.</summary>
    /// <param name="inputs">Number of input features d(l−1), at least 1.</param>
    /// <param name="outputs">Number of outputs d(l), at least 1.</param>
    /// <param name="initializer">How W is drawn; <see cref="Xavier"/> when null.</param>
    /// <param name="seed">The seed for W.</param>
    /// <param name="backend">Where the parameters live (reference when null).</param>
    /// <param name="activation">An activation fused into the layer, <c>A = f(X W + b)</c>; identity (none) by default.</param>
    /// <param name="activationParameter">γ for Leaky ReLU, α for ELU; the lecture's default when null.</param>
    /// <exception cref="ArgumentException">The activation's parameter cannot be fused (<see cref="AddBiasActivation.CanFuse"/>).</exception>
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
        if (!AddBiasActivation.CanFuse(activation, parameter))
        {
            throw new ArgumentException($"Linear: activation {activation} with parameter {parameter} cannot be fused; use Linear then ActivationLayer.", nameof(activationParameter));
        }

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

    /// <summary>The fused activation f (<see cref="Activation.Identity"/> for a plain linear layer).</summary>
    public Activation Activation { get; }

    /// <summary>γ for Leaky ReLU, α for ELU, 0 otherwise.</summary>
    public double ActivationParameter { get; }

    /// <summary>W, inputs × outputs.</summary>
    public Parameter Weight { get; }

    /// <summary>b, 1 × outputs.</summary>
    public Parameter Bias { get; }

    /// <summary>
    /// <c>Y = X W + b</c>: lecture 7's matmul node, then its add-bias node; with an activation,
    /// <c>A = f(X W + b)</c>: the matmul node, then the fused add-bias + activation node.
    /// </summary>
    /// <param name="x">X, shape (n, inputs).</param>
    /// <returns>Y, shape (n, outputs).</returns>
    public override Node Forward(Node x) => Forward(x, Activation, ActivationParameter);

    /// <summary><c>f(X W + b)</c> with an activation given by the caller (a container fusing the next layer in).</summary>
    /// <param name="x">X, shape (n, inputs).</param>
    /// <param name="activation">f; identity gives the plain add-bias node.</param>
    /// <param name="parameter">γ for Leaky ReLU, α for ELU.</param>
    /// <returns>The output, shape (n, outputs).</returns>
    internal Node Forward(Node x, Activation activation, double parameter)
    {
        var z = MatMul.Forward(x, Weight.Node);
        return activation == Activation.Identity
            ? AddBias.Forward(z, Bias.Node)
            : AddBiasActivation.Forward(z, Bias.Node, activation, parameter);
    }

    /// <inheritdoc/>
    public override IEnumerable<Parameter> Parameters() => [Weight, Bias];

    /// <inheritdoc/>
    public override string ToString() => Activation == Activation.Identity ? $"Linear({Inputs} → {Outputs})" : $"Linear({Inputs} → {Outputs}, {Activation})";
}
