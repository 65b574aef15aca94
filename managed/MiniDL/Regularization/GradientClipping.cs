using MiniDL.Layers;

namespace MiniDL.Regularization;

/// <summary>Gradient clipping, a remedy for exploding gradients: applied after backward and before the optimizer's step.</summary>
/// <remarks>
/// Day 01, "Vanishing and Exploding Gradients": one of the listed fixes is
/// "Gradient Clipping". Two forms: <see cref="ByNorm"/> rescales all gradients together when their global norm
/// <c>‖g‖ = √(Σ g²)</c> exceeds a limit (direction kept); <see cref="ByValue"/> clips each element into [−c, c].
/// </remarks>
public abstract class GradientClipping
{
    /// <summary>Clips the gradients of <paramref name="parameters"/> in place (parameters without a gradient are skipped).</summary>
    /// <param name="parameters">The parameters.</param>
    public abstract void Apply(IReadOnlyList<Parameter> parameters);

    /// <summary>Clipping by global norm: if <c>‖g‖ &gt; max</c>, every gradient is multiplied by <c>max / ‖g‖</c>.</summary>
    /// <param name="maxNorm">The largest allowed norm, above 0.</param>
    /// <returns>The clipping rule.</returns>
    public static ClipByNorm ByNorm(double maxNorm) => new(maxNorm);

    /// <summary>Clipping by value: every gradient element is clipped into <c>[−limit, limit]</c>.</summary>
    /// <param name="limit">The bound c, above 0.</param>
    /// <returns>The clipping rule.</returns>
    public static ClipByValue ByValue(double limit) => new(limit);

    /// <summary>A scratch buffer shaped like a parameter, cached per parameter.</summary>
    /// <param name="cache">The cache.</param>
    /// <param name="parameter">The parameter.</param>
    /// <returns>The buffer, allocated on the parameter's backend on first use.</returns>
    protected static Storage Scratch(Dictionary<Parameter, Storage> cache, Parameter parameter)
    {
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentNullException.ThrowIfNull(parameter);
        if (!cache.TryGetValue(parameter, out var s) || !ReferenceEquals(s.Backend, parameter.Backend) || s.Length != parameter.Value.Length)
        {
            s = parameter.Backend.Allocate(parameter.Value.Length);
            cache[parameter] = s;
        }

        return s;
    }
}

/// <summary>Clipping by global norm: <c>g ← g · min(1, max / ‖g‖)</c> with <c>‖g‖ = √(Σ over all parameters of Σ g²)</c>.</summary>
/// <remarks>
/// The squared norm is summed on the backend (<see cref="IBackend.Map"/> with <see cref="UnaryOp.Square"/>, then
/// <see cref="IBackend.Sum"/> into one accumulator); the step reads that one scalar to the host to decide whether to
/// rescale (<see cref="IBackend.Scale"/>) — one number per step crosses, never the gradients.
/// </remarks>
public sealed class ClipByNorm : GradientClipping
{
    private readonly Dictionary<Parameter, Storage> _scratch = new(ReferenceEqualityComparer.Instance);
    private readonly double[] _host = new double[1];
    private Storage? _accumulator;

    /// <summary>Creates the rule.</summary>
    /// <param name="maxNorm">The largest allowed norm, above 0.</param>
    public ClipByNorm(double maxNorm)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxNorm);
        MaxNorm = maxNorm;
    }

    /// <summary>The largest allowed norm.</summary>
    public double MaxNorm { get; }

    /// <summary>The global gradient norm measured by the last <see cref="Apply"/> (before clipping).</summary>
    public double LastNorm { get; private set; }

    /// <inheritdoc/>
    public override void Apply(IReadOnlyList<Parameter> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        IBackend? backend = null;
        double beta = 0.0;
        for (int i = 0; i < parameters.Count; i++)
        {
            var p = parameters[i];
            if (p.Grad is not { } g)
            {
                continue;
            }

            if (backend is null)
            {
                backend = p.Backend;
                if (_accumulator is null || !ReferenceEquals(_accumulator.Backend, backend))
                {
                    _accumulator = backend.Allocate(1);
                }
            }
            else if (!ReferenceEquals(backend, p.Backend))
            {
                throw new InvalidOperationException($"ClipByNorm: parameter '{p.Name}' lives on '{p.Backend.Name}', the others on '{backend.Name}'.");
            }

            var squares = Scratch(_scratch, p);
            backend.Map(UnaryOp.Square, g.Storage, squares);   // g²
            backend.Sum(squares, beta, _accumulator!);          // acc = β acc + Σ g²
            beta = 1.0;
        }

        if (backend is null)
        {
            LastNorm = 0;
            return;
        }

        backend.Download(_accumulator!, _host);
        LastNorm = Math.Sqrt(_host[0]);
        if (LastNorm > MaxNorm)
        {
            double factor = MaxNorm / LastNorm;
            for (int i = 0; i < parameters.Count; i++)
            {
                if (parameters[i].Grad is { } g)
                {
                    parameters[i].Backend.Scale(factor, g.Storage);
                }
            }
        }
    }
}

/// <summary>Clipping by value: <c>g ← max(min(g, c), −c)</c>, element-wise.</summary>
/// <remarks>
/// The backends have <see cref="BinaryOp.Max"/> but no min, so the clip is composed from max and negation:
/// <c>min(g, c) = −max(−g, −c)</c>. With a buffer N filled with −c (<see cref="IBackend.Fill"/>):
/// <c>t = −g</c> (<see cref="UnaryOp.Negate"/>), <c>t = max(t, N) = −min(g, c)</c> (<see cref="IBackend.Zip"/>),
/// <c>t = −t = min(g, c)</c>, <c>g = max(t, N) = max(min(g, c), −c)</c>. Four element-wise kernels, nothing crosses to the host.
/// </remarks>
public sealed class ClipByValue : GradientClipping
{
    private readonly Dictionary<Parameter, Storage> _scratch = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<Parameter, Storage> _bound = new(ReferenceEqualityComparer.Instance);

    /// <summary>Creates the rule.</summary>
    /// <param name="limit">The bound c, above 0.</param>
    public ClipByValue(double limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        Limit = limit;
    }

    /// <summary>The bound c.</summary>
    public double Limit { get; }

    /// <inheritdoc/>
    public override void Apply(IReadOnlyList<Parameter> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        for (int i = 0; i < parameters.Count; i++)
        {
            var p = parameters[i];
            if (p.Grad is not { } grad)
            {
                continue;
            }

            var backend = p.Backend;
            var g = grad.Storage;
            var t = Scratch(_scratch, p);
            bool fresh = !_bound.TryGetValue(p, out var existing) || !ReferenceEquals(existing.Backend, backend) || existing.Length != g.Length;
            var n = Scratch(_bound, p);
            if (fresh)
            {
                backend.Fill(n, -Limit);                   // N = −c (kept between steps)
            }

            backend.Map(UnaryOp.Negate, g, t);            // t = −g
            backend.Zip(BinaryOp.Max, t, n, t);           // t = max(−g, −c) = −min(g, c)
            backend.Map(UnaryOp.Negate, t, t);            // t = min(g, c)
            backend.Zip(BinaryOp.Max, t, n, g);           // g = max(min(g, c), −c)
        }
    }
}
