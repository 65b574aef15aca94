using MiniDL.Backends;
using MiniDL.Layers;

namespace MiniDL.Optimizers;

/// <summary>
/// Updates a model's parameters from their gradients, one <see cref="Step"/> per iteration
/// (Day 01: "Iterations: là số lần cập nhật trọng số" — an iteration is one update).
/// </summary>
/// <remarks>
/// Every update runs as backend kernels on the parameters' own buffers (<see cref="IBackend.SgdStep"/>,
/// <see cref="IBackend.MomentumStep"/>, <see cref="IBackend.AdamStep"/>, <see cref="IBackend.Axpy"/>), so no data crosses to
/// the host. State (velocities, moments) is allocated on the parameter's backend at the first step.
/// <see cref="LearningRate"/> is settable, so a schedule (MiniDL.Schedules) can change it between epochs.
/// </remarks>
public abstract class Optimizer
{
    private readonly Parameter[] _parameters;

    /// <summary>Creates the optimizer over the trainable ones of <paramref name="parameters"/>.</summary>
    /// <param name="parameters">The parameters (non-trainable ones are skipped).</param>
    /// <param name="learningRate">The learning rate η (lr), above 0.</param>
    protected Optimizer(IEnumerable<Parameter> parameters, double learningRate)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        _parameters = parameters.Where(p => p.Trainable).ToArray();
        LearningRate = learningRate;
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

    /// <summary>One update of every parameter that has a gradient (parameters no gradient reached are left alone).</summary>
    public void Step()
    {
        Steps++;
        UpdateAll();
    }

    /// <summary>
    /// Updates every parameter that has a gradient: <see cref="Update"/> for each, in order. An optimizer overrides it
    /// to update all parameters in one backend call (see <see cref="Adam"/>). Called by <see cref="Step"/> after
    /// <see cref="Steps"/> was advanced; it must not allocate (it runs once per training step).
    /// </summary>
    protected virtual void UpdateAll()
    {
        for (int i = 0; i < _parameters.Length; i++)
        {
            var p = _parameters[i];
            if (p.Grad is { } g)
            {
                Update(i, p, g.Storage);
            }
        }
    }

    /// <summary>Sets every gradient to zero before the next backward (gradients accumulate, lecture 7's copy rule).</summary>
    public void ZeroGrad()
    {
        for (int i = 0; i < _parameters.Length; i++)
        {
            _parameters[i].ZeroGrad();
        }
    }

    /// <summary>Updates parameter <paramref name="index"/> from its gradient.</summary>
    /// <param name="index">Its position in <see cref="Parameters"/> (for per-parameter state).</param>
    /// <param name="parameter">The parameter.</param>
    /// <param name="grad">Its gradient buffer.</param>
    protected abstract void Update(int index, Parameter parameter, Storage grad);

    /// <summary>A zero-filled state buffer shaped like <paramref name="parameter"/>, created at the first use.</summary>
    /// <param name="slots">The state array, one slot per parameter.</param>
    /// <param name="index">The parameter's position.</param>
    /// <param name="parameter">The parameter.</param>
    /// <returns>The buffer.</returns>
    protected static Storage State(Storage?[] slots, int index, Parameter parameter)
    {
        ArgumentNullException.ThrowIfNull(slots);
        ArgumentNullException.ThrowIfNull(parameter);
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
}
