using MiniDL.Autograd.Activations;
using MiniDL.Initializers;

namespace MiniDL.Layers;

/// <summary>A Maxout layer: <c>Y = max(X W₁ + b₁, …, X W_k + b_k)</c>, the element-wise maximum of k linear pieces.</summary>
/// <remarks>
/// Day 01, "Maxout": <c>max(w₁ᵀx + b₁, w₂ᵀx + b₂)</c> — a learned, piecewise linear
/// activation; ReLU is the case of two pieces with one fixed at 0. Each piece is a linear layer of its own
/// (W_k inputs × outputs, b_k one row), named "W1", "b1", "W2", "b2", …; the forward is the Maxout node
/// (Autograd/Activations/Maxout.cs), whose gradient goes to the winning piece of each output.
/// </remarks>
public sealed class MaxoutLayer : Layer
{
    private readonly Parameter[] _weights;
    private readonly Parameter[] _biases;

    /// <summary>Creates the layer with fresh weights.</summary>
    /// <param name="inputs">Number of inputs, at least 1.</param>
    /// <param name="outputs">Number of outputs, at least 1.</param>
    /// <param name="pieces">Number of linear pieces k, at least 1 (2 in the lecture).</param>
    /// <param name="initializer">How each W_k is drawn; <see cref="Xavier"/> when null.</param>
    /// <param name="seed">The seed; piece k uses seed + k.</param>
    /// <param name="backend">Where the parameters live.</param>
    public MaxoutLayer(int inputs, int outputs, int pieces = 2, Initializer? initializer = null, int seed = 0, IBackend? backend = null)
        : base(backend)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputs, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outputs, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(pieces, 1);
        Inputs = inputs;
        Outputs = outputs;
        initializer ??= new Xavier();
        _weights = new Parameter[pieces];
        _biases = new Parameter[pieces];
        for (int k = 0; k < pieces; k++)
        {
            _weights[k] = new Parameter($"W{k + 1}", initializer.Create(inputs, outputs, seed + k, Backend), regularized: true);
            _biases[k] = new Parameter($"b{k + 1}", Tensor.Zeros(1, outputs, Backend));
        }
    }

    /// <summary>Number of inputs.</summary>
    public int Inputs { get; }

    /// <summary>Number of outputs.</summary>
    public int Outputs { get; }

    /// <summary>Number of pieces k.</summary>
    public int Pieces => _weights.Length;

    /// <summary>W₁ … W_k.</summary>
    public IReadOnlyList<Parameter> Weights => _weights;

    /// <summary>b₁ … b_k.</summary>
    public IReadOnlyList<Parameter> Biases => _biases;

    /// <summary><c>Y = maxₖ (X W_k + b_k)</c>.</summary>
    /// <param name="x">X, shape (n, inputs).</param>
    /// <returns>Y, shape (n, outputs).</returns>
    public override Node Forward(Node x)
    {
        RequireFeatures(x, Inputs);
        var w = new Node[_weights.Length];
        var b = new Node[_biases.Length];
        for (int k = 0; k < w.Length; k++)
        {
            w[k] = _weights[k].Node;
            b[k] = _biases[k].Node;
        }

        return Maxout.Forward(x, w, b);
    }

    /// <inheritdoc/>
    public override IEnumerable<Parameter> Parameters()
    {
        for (int k = 0; k < _weights.Length; k++)
        {
            yield return _weights[k];
            yield return _biases[k];
        }
    }

    /// <inheritdoc/>
    public override string ToString() => $"Maxout({Inputs} → {Outputs}, k = {Pieces})";
}
