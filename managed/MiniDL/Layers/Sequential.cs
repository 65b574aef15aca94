using MiniDL.Autograd.Activations;
using MiniDL.Autograd.Nodes;
using MiniDL.Initializers;

namespace MiniDL.Layers;

/// <summary>Layers applied one after another: <c>Y = f_L(… f_2(f_1(X)))</c> — lesson 7's fully connected network when the layers are linear layers and activations.</summary>
/// <remarks>
/// Lesson 7 "Neural Network", "Fully connected Network": <c>z^(l) = W^(l)ᵀ a^(l−1) + b^(l)</c>,
/// <c>a^(l) = f(z^(l))</c>, layer after layer. Parameters are named by position ("0.W", "0.b", "2.W", …, as PyTorch's
/// <c>nn.Sequential</c>) or by the names given to the layers ("fc1.W").
/// </remarks>
public sealed class Sequential : Layer
{
    private readonly Layer[] _layers;
    private readonly string[] _names;

    /// <summary>Chains the layers, named "0", "1", … by position.</summary>
    /// <param name="layers">The layers, at least one, all on the same backend.</param>
    public Sequential(params Layer[] layers)
        : this(Enumerable.Range(0, layers.Length).Select(i => (i.ToString(System.Globalization.CultureInfo.InvariantCulture), layers[i])).ToArray())
    {
    }

    /// <summary>Chains named layers, e.g. <c>("fc1", linear), ("relu1", activation)</c>.</summary>
    /// <param name="layers">Name and layer pairs, at least one, names distinct.</param>
    public Sequential(params (string Name, Layer Layer)[] layers)
        : base(layers.Length > 0 ? layers[0].Layer.Backend : null)
    {
        if (layers.Length == 0)
        {
            throw new ArgumentException("Sequential: at least one layer is needed.", nameof(layers));
        }

        if (layers.Select(l => l.Name).Distinct().Count() != layers.Length)
        {
            throw new ArgumentException("Sequential: layer names must be distinct.", nameof(layers));
        }

        foreach (var (name, layer) in layers)
        {
            if (!ReferenceEquals(layer.Backend, Backend))
            {
                throw new ArgumentException($"Sequential: layer '{name}' lives on '{layer.Backend.Name}', the first on '{Backend.Name}'; create them on one backend or move them with To.", nameof(layers));
            }

            layer.AddPrefix(name);
        }

        _layers = layers.Select(l => l.Layer).ToArray();
        _names = layers.Select(l => l.Name).ToArray();
    }

    /// <summary>
    /// A multi-layer perceptron: for each consecutive pair of <paramref name="sizes"/> a <see cref="Linear"/> layer,
    /// followed (except after the last) by <paramref name="hidden"/>, optionally preceded by <see cref="BatchNorm"/>
    /// and followed by <see cref="Dropout"/>. The output layer has no activation (logits for the fused softmax
    /// cross-entropy; real values for regression). Parameters are named "0.W", "0.b", "2.W", ….
    /// </summary>
    /// <param name="sizes">Layer widths, input first, e.g. [64, 64, 10]; at least two.</param>
    /// <param name="hidden">The hidden activation.</param>
    /// <param name="initializer">How the weights are drawn (<see cref="He"/> for ReLU-like activations, <see cref="Xavier"/> otherwise, when null).</param>
    /// <param name="seed">The seed; linear layer l uses seed + l.</param>
    /// <param name="backend">Where the parameters live.</param>
    /// <param name="dropout">Dropout probability after each hidden activation (0 for none).</param>
    /// <param name="batchNorm">Whether to normalize each hidden layer's pre-activation with <see cref="BatchNorm"/>.</param>
    /// <returns>The model.</returns>
    public static Sequential Mlp(
        IReadOnlyList<int> sizes,
        Activation hidden = Activation.Relu,
        Initializer? initializer = null,
        int seed = 0,
        IBackend? backend = null,
        double dropout = 0,
        bool batchNorm = false)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        if (sizes.Count < 2)
        {
            throw new ArgumentException("Sequential.Mlp: sizes needs at least an input and an output width.", nameof(sizes));
        }

        initializer ??= hidden is Activation.Relu or Activation.LeakyRelu or Activation.Elu ? new He() : new Xavier();
        var layers = new List<Layer>();
        for (int l = 0; l + 1 < sizes.Count; l++)
        {
            layers.Add(new Linear(sizes[l], sizes[l + 1], initializer, seed + l, backend));
            if (l + 2 < sizes.Count)
            {
                if (batchNorm)
                {
                    layers.Add(new BatchNorm(sizes[l + 1], backend: backend));
                }

                layers.Add(new ActivationLayer(hidden, backend: backend));
                if (dropout > 0)
                {
                    layers.Add(new Dropout(dropout, seed + 1000 + l, backend));
                }
            }
        }

        return new Sequential([.. layers]);
    }

    /// <summary>The layers, in order.</summary>
    public IReadOnlyList<Layer> Layers => _layers;

    /// <summary>The layers' names, in order ("0", "1", … or the given names).</summary>
    public IReadOnlyList<string> Names => _names;

    /// <summary>The layer named <paramref name="name"/>.</summary>
    /// <param name="name">The name.</param>
    /// <exception cref="KeyNotFoundException">No layer has that name.</exception>
    public Layer this[string name]
    {
        get
        {
            int i = Array.IndexOf(_names, name);
            return i >= 0 ? _layers[i] : throw new KeyNotFoundException($"Sequential: no layer named '{name}' (have {string.Join(", ", _names)}).");
        }
    }

    /// <summary>Applies the layers in order.</summary>
    /// <param name="x">The input batch.</param>
    /// <returns>The last layer's output.</returns>
    public override Node Forward(Node x)
    {
        foreach (var layer in _layers)
        {
            x = layer.Forward(x);
        }

        return x;
    }

    /// <inheritdoc/>
    public override IEnumerable<Parameter> Parameters() => _layers.SelectMany(l => l.Parameters());

    /// <inheritdoc/>
    public override IEnumerable<Parameter> Buffers() => _layers.SelectMany(l => l.Buffers());

    /// <inheritdoc/>
    public override Layer To(IBackend backend)
    {
        foreach (var layer in _layers)
        {
            layer.To(backend);
        }

        return base.To(backend);
    }

    /// <inheritdoc/>
    public override string ToString()
        => "Sequential(" + string.Join(", ", _layers.Select((l, i) => _names[i] == i.ToString(System.Globalization.CultureInfo.InvariantCulture) ? l.ToString() : $"{_names[i]}: {l}")) + ")";

    /// <inheritdoc/>
    protected override void SetTraining(bool training)
    {
        base.SetTraining(training);
        foreach (var layer in _layers)
        {
            if (training)
            {
                layer.Train();
            }
            else
            {
                layer.Eval();
            }
        }
    }
}
