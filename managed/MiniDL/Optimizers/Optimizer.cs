using MiniDL.Layers;

namespace MiniDL.Optimizers;

/// <summary>
/// Updates a model's parameters from their gradients, one <see cref="Step"/> per iteration
/// (Day 01, "Stochastic Gradient (SGD)": "Iterations: là số lần cập nhật trọng số", an iteration is one update of the weights).
/// </summary>
/// <remarks>
/// Each optimizer writes its lecture's update of one weight θ as a static <c>Update</c> method (<see cref="Sgd"/>,
/// <see cref="Momentum"/>, <see cref="Nesterov"/>, <see cref="Adam"/>); the reference backend
/// runs exactly that method on every weight. A <see cref="Step"/> hands every parameter to the backend in one call
/// (<see cref="IBackend.AdamStep(double, double, double, double, long, ReadOnlySpan{Storage}, ReadOnlySpan{Storage}, ReadOnlySpan{Storage}, ReadOnlySpan{Storage})"/>
/// and its siblings), so a native backend can update them all with one native call; no data crosses to the host.
/// State (velocities, moments) is zero-filled on the parameter's backend at the first step.
/// <see cref="LearningRate"/> is settable, so a schedule (MiniDL.Schedules) can change it between epochs.
/// </remarks>
public abstract class Optimizer
{
    private readonly Parameter[] _parameters;
    private readonly Storage?[][] _state;

    // One step's argument lists (θ, g, state), reused every step: a step allocates nothing.
    private readonly Storage[] _values;
    private readonly Storage[] _gradients;
    private readonly Storage[][] _stateLists;

    /// <summary>Creates the optimizer over the trainable ones of <paramref name="parameters"/>.</summary>
    /// <param name="parameters">The parameters (non-trainable ones are skipped).</param>
    /// <param name="learningRate">The learning rate η (lr), above 0.</param>
    protected Optimizer(IEnumerable<Parameter> parameters, double learningRate)
        : this(parameters, learningRate, stateBuffers: 0)
    {
    }

    /// <summary>Creates the optimizer over the trainable ones of <paramref name="parameters"/>.</summary>
    /// <param name="parameters">The parameters (non-trainable ones are skipped).</param>
    /// <param name="learningRate">The learning rate η (lr), above 0.</param>
    /// <param name="stateBuffers">How many buffers of state each parameter needs: 1 for a velocity v, 2 for Adam's m and v.</param>
    protected Optimizer(IEnumerable<Parameter> parameters, double learningRate, int stateBuffers)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentOutOfRangeException.ThrowIfNegative(stateBuffers);
        _parameters = parameters.Where(p => p.Trainable).ToArray();
        LearningRate = learningRate;
        int n = _parameters.Length;
        _state = [.. Enumerable.Range(0, stateBuffers).Select(_ => new Storage?[n])];
        _values = new Storage[n];
        _gradients = new Storage[n];
        _stateLists = [.. Enumerable.Range(0, stateBuffers).Select(_ => new Storage[n])];
    }

    /// <summary>The parameters this optimizer updates.</summary>
    public IReadOnlyList<Parameter> Parameters => _parameters;

    /// <summary>The learning rate η used by the next <see cref="Step"/>.</summary>
    public double LearningRate
    {
        get;
        set
        {
            if (!(value >= 0) || double.IsInfinity(value))
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "Optimizer: the learning rate must be finite and at least 0.");
            }

            field = value;
        }
    }

    /// <summary>Number of steps taken (iterations), t in Adam's bias correction.</summary>
    public long Steps { get; private set; }

    /// <summary>
    /// One update of every parameter that has a gradient (parameters no gradient reached are left alone):
    /// <c>t ← t + 1</c>, then one <see cref="UpdateAll"/> call with all of them.
    /// </summary>
    public void Step()
    {
        Steps++;

        // The parameters with a gradient, in order. They normally share one backend: one call. Should they not,
        // each run of parameters on the same backend gets its own call.
        IBackend? backend = null;
        int count = 0;
        for (int i = 0; i < _parameters.Length; i++)
        {
            var p = _parameters[i];
            if (p.Grad is not { } grad)
            {
                continue;
            }

            if (count > 0 && !ReferenceEquals(p.Backend, backend))
            {
                UpdateAll(backend!, new ParameterBuffers(_values, _gradients, _stateLists, count));
                count = 0;
            }

            backend = p.Backend;
            _values[count] = p.Value.Storage;
            _gradients[count] = grad.Storage;
            for (int k = 0; k < _state.Length; k++)
            {
                _stateLists[k][count] = State(_state[k], i, p);
            }

            count++;
        }

        if (count > 0)
        {
            UpdateAll(backend!, new ParameterBuffers(_values, _gradients, _stateLists, count));
        }
    }

    /// <summary>Sets every gradient to zero before the next backward (gradients accumulate: Lesson 7 "Neural Network", "Copy Node").</summary>
    public void ZeroGrad()
    {
        for (int i = 0; i < _parameters.Length; i++)
        {
            _parameters[i].ZeroGrad();
        }
    }

    /// <summary>Updates every parameter in <paramref name="parameters"/> with one call of the optimizer's kernel on <paramref name="backend"/>.</summary>
    /// <param name="backend">The backend all of them live on.</param>
    /// <param name="parameters">Their values θ, gradients g and state, parameter k at index k.</param>
    protected abstract void UpdateAll(IBackend backend, ParameterBuffers parameters);

    /// <summary>A zero-filled state buffer shaped like <paramref name="parameter"/> (v₀ = 0, m₀ = 0), created at its first step.</summary>
    private static Storage State(Storage?[] slots, int index, Parameter parameter)
    {
        var s = slots[index];
        if (s is null || !ReferenceEquals(s.Backend, parameter.Backend))
        {
            s = parameter.Backend.Allocate(parameter.Value.Length);
            slots[index] = s;
        }

        return s;
    }

    /// <summary>The optimizer for a name: "sgd", "momentum", "nesterov" or "adam", with the lecture's defaults.</summary>
    /// <param name="name">The name, case-insensitive.</param>
    /// <param name="parameters">The parameters.</param>
    /// <param name="learningRate">The learning rate; each optimizer's default when null.</param>
    /// <returns>The optimizer.</returns>
    /// <exception cref="ArgumentException">The name is not known.</exception>
    public static Optimizer FromName(string name, IEnumerable<Parameter> parameters, double? learningRate = null) => name.ToLowerInvariant() switch
    {
        "sgd" => new Sgd(parameters, learningRate ?? 0.01),
        "momentum" => new Momentum(parameters, learningRate ?? 0.01),
        "nesterov" or "nag" => new Nesterov(parameters, learningRate ?? 0.01),
        "adam" => new Adam(parameters, learningRate ?? Adam.DefaultLearningRate),
        _ => throw new ArgumentException($"Optimizer.FromName: '{name}' is not known (use sgd, momentum, nesterov or adam).", nameof(name)),
    };

    /// <summary>The buffers of one step's parameters: parameter k's value θ, gradient g and state at index k of each list.</summary>
    protected readonly ref struct ParameterBuffers
    {
        private readonly Storage[] _values;
        private readonly Storage[] _gradients;
        private readonly Storage[][] _state;
        private readonly int _count;

        internal ParameterBuffers(Storage[] values, Storage[] gradients, Storage[][] state, int count)
        {
            _values = values;
            _gradients = gradients;
            _state = state;
            _count = count;
        }

        /// <summary>The values θ (updated in place).</summary>
        public ReadOnlySpan<Storage> Values => _values.AsSpan(0, _count);

        /// <summary>The gradients g = ∂J/∂θ.</summary>
        public ReadOnlySpan<Storage> Gradients => _gradients.AsSpan(0, _count);

        /// <summary>State buffer <paramref name="k"/> of each parameter (a velocity, a moment), zero before the first step.</summary>
        public ReadOnlySpan<Storage> State(int k) => _state[k].AsSpan(0, _count);
    }
}
