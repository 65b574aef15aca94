namespace MiniDL.Layers;

/// <summary>
/// A building block of a model: a function <c>Y = f(X; θ)</c> on a batch X (rows are samples, lesson 7's convention)
/// built from graph nodes, with named parameters θ and a training/evaluation mode.
/// </summary>
/// <remarks>
/// Layers compute only through <see cref="IBackend"/> kernels and graph nodes, so the same model runs on the
/// reference, CPU and CUDA backends; create it on a backend or move it with <see cref="To"/>.
/// <see cref="Training"/> matters to <see cref="Dropout"/> (drops units only while training) and
/// <see cref="BatchNorm"/> (batch statistics while training, running statistics in evaluation).
/// </remarks>
public abstract class Layer
{
    /// <summary>Creates a layer on <paramref name="backend"/> (the reference backend when null).</summary>
    /// <param name="backend">Where its parameters live.</param>
    protected Layer(IBackend? backend)
    {
        Backend = backend ?? ReferenceBackend.Instance;
    }

    /// <summary>The backend its parameters live on and its kernels run on.</summary>
    public IBackend Backend { get; private set; }

    /// <summary>True in training mode (the default), false in evaluation mode.</summary>
    public bool Training { get; private set; } = true;

    /// <summary>The forward pass: <c>Y = f(X)</c> as a graph node.</summary>
    /// <param name="x">The input batch, one sample per row.</param>
    /// <returns>The output node.</returns>
    public abstract Node Forward(Node x);

    /// <summary>The learnable parameters, with qualified names (e.g. "0.W"); empty for layers without any.</summary>
    /// <returns>The parameters, in a fixed order.</returns>
    public virtual IEnumerable<Parameter> Parameters() => [];

    /// <summary>State that is saved and moved but not learned (e.g. batch norm's running statistics).</summary>
    /// <returns>The buffers, in a fixed order.</returns>
    public virtual IEnumerable<Parameter> Buffers() => [];

    /// <summary>Every parameter and buffer: what a checkpoint or early stopping's best-weights copy holds.</summary>
    /// <returns>Parameters first, then buffers.</returns>
    public IEnumerable<Parameter> State() => Parameters().Concat(Buffers());

    /// <summary>Total number of learnable values.</summary>
    public long ParameterCount => Parameters().Sum(p => p.Value.Length);

    /// <summary>Switches to training mode (dropout active, batch statistics).</summary>
    public void Train() => SetTraining(true);

    /// <summary>Switches to evaluation mode (no dropout, running statistics).</summary>
    public void Eval() => SetTraining(false);

    /// <summary>The input must have <paramref name="features"/> columns, one per feature the layer was built for.</summary>
    /// <param name="x">The input batch, one sample per row.</param>
    /// <param name="features">The number of input features the layer expects.</param>
    /// <exception cref="ArgumentException">The input has another width; the message names the layer and both widths.</exception>
    protected void RequireFeatures(Node x, int features)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Columns != features)
        {
            throw new ArgumentException($"{this}: the input {x.ShapeText} has {x.Columns} features per sample; the layer expects {features}.", nameof(x));
        }
    }

    /// <summary>Sets the mode; containers pass it on to their layers.</summary>
    /// <param name="training">True for training mode.</param>
    protected virtual void SetTraining(bool training) => Training = training;

    /// <summary>Moves every parameter and buffer to <paramref name="backend"/>; create optimizers after moving.</summary>
    /// <param name="backend">The destination backend.</param>
    /// <returns>This layer, for chaining.</returns>
    public virtual Layer To(IBackend backend)
    {
        ArgumentNullException.ThrowIfNull(backend);
        foreach (var p in State())
        {
            p.MoveTo(backend);
        }

        Backend = backend;
        return this;
    }

    /// <summary>Prefixes every parameter and buffer name (called by containers).</summary>
    /// <param name="prefix">The container's name for this layer.</param>
    internal void AddPrefix(string prefix)
    {
        foreach (var p in State())
        {
            p.AddPrefix(prefix);
        }
    }

    /// <summary>
    /// Runs the model in evaluation mode on <paramref name="x"/> and returns a copy of the output (the graph is
    /// released at once); the mode is restored afterwards.
    /// </summary>
    /// <param name="x">The input batch on this layer's backend (moved there if it is elsewhere).</param>
    /// <returns>The output, a new tensor on this layer's backend.</returns>
    public Tensor Predict(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        bool wasTraining = Training;
        Eval();
        var input = ReferenceEquals(x.Backend, Backend) ? x : x.To(Backend);
        try
        {
            var y = Forward(Node.Constant(input));
            var result = y.Value.Clone();
            y.ReleaseGraph();
            return result;
        }
        finally
        {
            if (!ReferenceEquals(input, x))
            {
                input.Dispose();
            }

            if (wasTraining)
            {
                Train();
            }
        }
    }

    /// <summary>A one-line description, e.g. "Linear(64 → 10)".</summary>
    /// <returns>The description.</returns>
    public override string ToString() => GetType().Name;
}
