using MiniDL.Backends;
using MiniDL.Layers;
using MiniDL.Native;

namespace MiniDL.Optimizers;

/// <summary>Adam (adaptive moment estimation) with the lecture's defaults lr = 0.001, β₁ = 0.9, β₂ = 0.999, ε = 1e−8.</summary>
/// <remarks>
/// Day 01 (../shared/seeds/004_33cc2cf3ed509fa4.txt), "Adam": <c>m₀ = v₀ = 0</c>, <c>t = 0</c>; each step <c>t ← t + 1</c>,
/// <c>m_t = β₁ m_{t−1} + (1 − β₁) g_t</c>, <c>v_t = β₂ v_{t−1} + (1 − β₂) g_t²</c>,
/// <c>m̂_t = m_t / (1 − β₁ᵗ)</c>, <c>v̂_t = v_t / (1 − β₂ᵗ)</c>, <c>θ_t = θ_{t−1} − lr m̂_t / (√v̂_t + ε)</c>
/// (the same as PyTorch's). Kernel: <see cref="IBackend.AdamStep"/>; t is <see cref="Optimizer.Steps"/>.
/// On a native backend every parameter is updated by one call, <see cref="NativeBackend.AdamStepMulti"/> (the same
/// formula; one crossing into native code per step instead of one per parameter), with the buffer lists built once.
/// </remarks>
public sealed class Adam : Optimizer
{
    /// <summary>The lecture's default learning rate, 0.001.</summary>
    public const double DefaultLearningRate = 0.001;

    private readonly Storage?[] _m;
    private readonly Storage?[] _v;

    // The argument lists of NativeBackend.AdamStepMulti, one entry per parameter, built at the first step and reused
    // while every parameter keeps its gradient and value buffers (checked each step by reference, no allocation).
    private Storage[]? _gList;
    private Storage[]? _mList;
    private Storage[]? _vList;
    private Storage[]? _wList;

    /// <summary>Creates the optimizer.</summary>
    /// <param name="parameters">The parameters.</param>
    /// <param name="learningRate">lr (0.001).</param>
    /// <param name="beta1">β₁ (0.9), in [0, 1).</param>
    /// <param name="beta2">β₂ (0.999), in [0, 1).</param>
    /// <param name="epsilon">ε (1e−8), above 0.</param>
    public Adam(IEnumerable<Parameter> parameters, double learningRate = DefaultLearningRate, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8)
        : base(parameters, learningRate)
    {
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(beta1), $"Adam: β₁ = {beta1} and β₂ = {beta2} must be in [0, 1).");
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(epsilon);
        Beta1 = beta1;
        Beta2 = beta2;
        Epsilon = epsilon;
        _m = new Storage?[Parameters.Count];
        _v = new Storage?[Parameters.Count];
    }

    /// <summary>β₁, the decay of the first moment.</summary>
    public double Beta1 { get; }

    /// <summary>β₂, the decay of the second moment.</summary>
    public double Beta2 { get; }

    /// <summary>ε, added to √v̂.</summary>
    public double Epsilon { get; }

    /// <inheritdoc/>
    protected override void UpdateAll()
    {
        if (Parameters.Count > 0 && Parameters[0].Backend is NativeBackend native && MultiStepLists(native))
        {
            native.AdamStepMulti(LearningRate, Beta1, Beta2, Epsilon, Steps, _gList!, _mList!, _vList!, _wList!);
            return;
        }

        base.UpdateAll(); // one AdamStep per parameter (the reference backend, or parameters without gradients)
    }

    /// <inheritdoc/>
    protected override void Update(int index, Parameter parameter, Storage grad)
        => parameter.Backend.AdamStep(
            LearningRate, Beta1, Beta2, Epsilon, Steps, grad, State(_m, index, parameter), State(_v, index, parameter), parameter.Value.Storage);

    /// <summary>
    /// Makes (or checks) the buffer lists of the one-call update. False when some parameter has no gradient or lives on
    /// another backend: then the per-parameter path handles them (it skips parameters without a gradient).
    /// </summary>
    private bool MultiStepLists(NativeBackend native)
    {
        var parameters = Parameters;
        int count = parameters.Count;
        if (_gList is not null)
        {
            bool same = true;
            for (int i = 0; i < count && same; i++)
            {
                var p = parameters[i];
                same = ReferenceEquals(p.Backend, native) && ReferenceEquals(p.Grad?.Storage, _gList[i]) && ReferenceEquals(p.Value.Storage, _wList![i]);
            }

            if (same)
            {
                return true;
            }
        }

        for (int i = 0; i < count; i++)
        {
            if (!ReferenceEquals(parameters[i].Backend, native) || parameters[i].Grad is null)
            {
                _gList = null;
                return false;
            }
        }

        _gList = new Storage[count];
        _mList = new Storage[count];
        _vList = new Storage[count];
        _wList = new Storage[count];
        for (int i = 0; i < count; i++)
        {
            var p = parameters[i];
            _gList[i] = p.Grad!.Storage;
            _mList[i] = State(_m, i, p);
            _vList[i] = State(_v, i, p);
            _wList[i] = p.Value.Storage;
        }

        return true;
    }
}
