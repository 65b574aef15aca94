using MiniDL.Autograd.Nodes;

namespace MiniDL.Layers;

/// <summary>Inverted dropout: in training each unit is kept with probability 1 − p and scaled by 1/(1 − p); in evaluation it is the identity.</summary>
/// <remarks>
/// <para>
/// Day 01, "Dropout": randomly removes neurons so that they take no part in
/// the forward and backward pass, a regularization against overfitting. The
/// "Deep learning and neural networks" notes ("2.4. Dropout layer") describe it as choosing some weights of the
/// model at random and setting them to 0 (DropConnect, strictly); this layer zeroes units (activations), as Day 01
/// and PyTorch's <c>Dropout</c> do. Only during training.
/// </para>
/// <para>
/// Scaling: <c>Y = X ⊙ M</c> with <c>M[i] = [uᵢ ≥ p] / (1 − p)</c>, <c>uᵢ ~ U(0, 1)</c> (<see cref="IBackend.DropoutMask"/>).
/// This is "inverted" dropout, as PyTorch's: <c>E[M[i]] = (1 − p) · 1/(1 − p) = 1</c>, so <c>E[Y] = X</c> and evaluation
/// uses the layer unchanged, with no rescaling by (1 − p) at test time (the original paper's form scales at test time instead).
/// Backward is the element-wise multiply node's rule: <c>∇X = ∇Y ⊙ M</c>, dropped units get no gradient.
/// </para>
/// <para>
/// The mask comes from a counter-based generator (SplitMix64 of a seed and the element index), identical on every
/// backend. Each training forward uses the seed <c>hash(seed, step)</c> with a per-layer step counter, so
/// the masks differ from step to step and a run with the same seed repeats exactly.
/// </para>
/// </remarks>
public sealed class Dropout : Layer
{
    private ulong _step;

    /// <summary>Creates the layer.</summary>
    /// <param name="p">The probability of dropping a unit, in [0, 1).</param>
    /// <param name="seed">The seed of the masks.</param>
    /// <param name="backend">The backend (it has no parameters; used for consistency).</param>
    /// <exception cref="ArgumentOutOfRangeException">p is outside [0, 1).</exception>
    public Dropout(double p, int seed = 0, IBackend? backend = null)
        : base(backend)
    {
        if (!(p >= 0 && p < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "Dropout: p must be in [0, 1).");
        }

        P = p;
        Seed = seed;
    }

    /// <summary>The probability of dropping a unit.</summary>
    public double P { get; }

    /// <summary>The seed of the masks.</summary>
    public int Seed { get; }

    /// <summary>Number of masks drawn so far (training forwards).</summary>
    public ulong Steps => _step;

    /// <summary>Training: <c>Y = X ⊙ M</c>; evaluation (or p = 0): <c>Y = X</c>.</summary>
    /// <param name="x">X, any shape.</param>
    /// <returns>Y, the shape of X.</returns>
    public override Node Forward(Node x)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (!Training || P == 0)
        {
            return x;
        }

        // M is a node without inputs (not a leaf): its forward draws a new mask from the next step's seed.
        var mask = Node.Create("dropout_mask", Tensor.ZerosLike(x.Value), [], m => x.Backend.DropoutMask(P, StepSeed(), m.Value.Storage), backward: null);
        return Multiply.Forward(x, mask);
    }

    /// <inheritdoc/>
    public override string ToString() => $"Dropout(p = {P})";

    private ulong StepSeed()
    {
        // SplitMix64 finalizer of (seed, step): distinct, well-mixed seeds for consecutive steps.
        ulong z = unchecked(((ulong)(uint)Seed << 32) ^ (_step++ * 0x9E3779B97F4A7C15UL));
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return z ^ (z >> 31);
    }
}
