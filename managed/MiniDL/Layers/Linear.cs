using MiniDL.Autograd;
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
/// </remarks>
public sealed class Linear : Layer
{
    /// <summary>Creates the layer with fresh weights.</summary>
    /// <param name="inputs">Number of input features d(l−1), at least 1.</param>
    /// <param name="outputs">Number of outputs d(l), at least 1.</param>
    /// <param name="initializer">How W is drawn; <see cref="Xavier"/> when null.</param>
    /// <param name="seed">The seed for W.</param>
    /// <param name="backend">Where the parameters live (reference when null).</param>
    public Linear(int inputs, int outputs, Initializer? initializer = null, int seed = 0, IBackend? backend = null)
        : base(backend)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputs, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outputs, 1);
        Inputs = inputs;
        Outputs = outputs;
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

    /// <summary>W, inputs × outputs.</summary>
    public Parameter Weight { get; }

    /// <summary>b, 1 × outputs.</summary>
    public Parameter Bias { get; }

    /// <summary><c>Y = X W + b</c>: lecture 7's matmul node, then its add-bias node.</summary>
    /// <param name="x">X, shape (n, inputs).</param>
    /// <returns>Y, shape (n, outputs).</returns>
    public override Node Forward(Node x) => AddBias.Forward(MatMul.Forward(x, Weight.Node), Bias.Node);

    /// <inheritdoc/>
    public override IEnumerable<Parameter> Parameters() => [Weight, Bias];

    /// <inheritdoc/>
    public override string ToString() => $"Linear({Inputs} → {Outputs})";
}
