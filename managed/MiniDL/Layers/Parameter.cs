namespace MiniDL.Layers;

/// <summary>
/// A learnable tensor of a layer: a named graph leaf (<see cref="Node"/>) whose <see cref="Grad"/> backpropagation
/// fills and an optimizer reads. Also used, with <see cref="Trainable"/> = false, for state that is saved but not
/// learned (batch normalization's running mean and variance).
/// </summary>
/// <remarks>
/// The name is qualified by the containers the layer sits in: a <see cref="Linear"/> names its parameters
/// "W" and "b"; inside a <see cref="Sequential"/> at index 0 they become "0.W" and "0.b", or "fc1.W" when the layer
/// was added under the name "fc1". The same names are used by checkpoints.
/// </remarks>
public sealed class Parameter
{
    /// <summary>Creates a parameter holding <paramref name="value"/> (the tensor is owned by the parameter from now on).</summary>
    /// <param name="name">The local name, e.g. "W".</param>
    /// <param name="value">The initial value.</param>
    /// <param name="trainable">Whether gradients flow into it and optimizers update it.</param>
    /// <param name="regularized">Whether weight penalties (L1, L2, elastic net) apply: true for weight matrices, false for biases and normalization parameters.</param>
    public Parameter(string name, Tensor value, bool trainable = true, bool regularized = false)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(value);
        Name = name;
        Trainable = trainable;
        Regularized = regularized;
        Node = Node.Leaf(value, name, requiresGrad: trainable);
    }

    /// <summary>The qualified name, e.g. "fc1.W" or "0.b".</summary>
    public string Name { get; private set; }

    /// <summary>The graph leaf; use it as an input of graph nodes.</summary>
    public Node Node { get; private set; }

    /// <summary>The current value.</summary>
    public Tensor Value => Node.Value;

    /// <summary>The accumulated gradient <c>∂J/∂θ</c>, or null before the first backward that reached it.</summary>
    public Tensor? Grad => Node.Grad;

    /// <summary>Whether gradients flow into it and optimizers update it.</summary>
    public bool Trainable { get; }

    /// <summary>Whether weight penalties apply (weights yes; biases, γ and β no).</summary>
    public bool Regularized { get; }

    /// <summary>The backend the value lives on.</summary>
    public IBackend Backend => Node.Backend;

    /// <summary>Rows of the value.</summary>
    public int Rows => Node.Rows;

    /// <summary>Columns of the value.</summary>
    public int Columns => Node.Columns;

    /// <summary>Sets the gradient to zero (keeps the buffer, so no allocation per step).</summary>
    public void ZeroGrad()
    {
        if (Node.Grad is { } g)
        {
            Backend.Fill(g.Storage, 0.0);
        }
    }

    /// <summary>Overwrites the value with <paramref name="source"/> (same shape, any backend; crosses through the host when the backends differ).</summary>
    /// <param name="source">The new value.</param>
    /// <exception cref="ArgumentException">The shapes differ.</exception>
    public void CopyFrom(Tensor source)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (!source.SameShape(Value))
        {
            throw new ArgumentException($"Parameter '{Name}': cannot copy shape {source.ShapeText} into {Value.ShapeText}.", nameof(source));
        }

        if (ReferenceEquals(source.Backend, Backend))
        {
            Backend.Copy(source.Storage, Value.Storage);
        }
        else
        {
            Backend.Upload(source.ToArray(), Value.Storage);
        }
    }

    /// <summary>Overwrites the value with row-major host values (loading a checkpoint).</summary>
    /// <param name="values">Exactly <c>Rows × Columns</c> values.</param>
    /// <exception cref="ArgumentException">The count differs.</exception>
    public void Load(ReadOnlySpan<double> values)
    {
        if (values.Length != Value.Length)
        {
            throw new ArgumentException($"Parameter '{Name}': {values.Length} values do not fill shape {Value.ShapeText}.", nameof(values));
        }

        Backend.Upload(values, Value.Storage);
    }

    /// <summary>Moves the value to <paramref name="backend"/> (a new leaf; the gradient is dropped). Optimizers made before the move must be recreated.</summary>
    /// <param name="backend">The destination backend.</param>
    public void MoveTo(IBackend backend)
    {
        ArgumentNullException.ThrowIfNull(backend);
        if (ReferenceEquals(backend, Backend))
        {
            return;
        }

        var moved = Value.To(backend);
        Node.ClearGrad();
        Node.Value.Dispose();
        Node = Node.Leaf(moved, Name, requiresGrad: Trainable);
    }

    /// <summary>Prefixes the name with a container's name: "W" in layer "fc1" becomes "fc1.W".</summary>
    /// <param name="prefix">The container's name for the layer.</param>
    internal void AddPrefix(string prefix)
    {
        Name = prefix + "." + Name;
        Node.Name = Name;
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Name}{Value.ShapeText}";
}
