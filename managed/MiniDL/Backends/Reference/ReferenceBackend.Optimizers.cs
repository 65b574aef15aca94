using MiniDL.Optimizers;

namespace MiniDL.Backends;

// The optimizer steps: a loop that applies the optimizer's own per-weight update (Sgd.Update, Momentum.Update,
// Nesterov.Update, Adam.Update, where the lecture's formula is written) to every weight, and the multi-tensor forms:
// a loop over the tensors.
public sealed partial class ReferenceBackend
{
    /// <inheritdoc/>
    /// <remarks><c>θ ← θ − η g</c> on every weight: <see cref="Optimizers.Sgd.Update"/>.</remarks>
    public void SgdStep(double lr, Storage g, Storage w)
    {
        var gs = D(g, "sgd_step", "g");
        var ws = D(w, "sgd_step", "w", gs.LongLength);
        for (long i = 0; i < ws.LongLength; i++)
        {
            Sgd.Update(ref ws[i], gs[i], lr);
        }
    }

    /// <inheritdoc/>
    /// <remarks><c>v ← βv + η g</c>, <c>θ ← θ − v</c> on every weight: <see cref="Optimizers.Momentum.Update"/>.</remarks>
    public void MomentumStep(double lr, double beta, Storage g, Storage v, Storage w)
    {
        var gs = D(g, "momentum_step", "g");
        var vs = D(v, "momentum_step", "v", gs.LongLength);
        var ws = D(w, "momentum_step", "w", gs.LongLength);
        for (long i = 0; i < ws.LongLength; i++)
        {
            Momentum.Update(ref ws[i], gs[i], ref vs[i], lr, beta);
        }
    }

    /// <inheritdoc/>
    /// <remarks><c>v ← βv + η g</c>, <c>θ ← θ − βv − η g</c> on every weight: <see cref="Optimizers.Nesterov.Update"/>.</remarks>
    public void NesterovStep(double lr, double beta, Storage g, Storage v, Storage w)
    {
        var gs = D(g, "nesterov_step", "g");
        var vs = D(v, "nesterov_step", "v", gs.LongLength);
        var ws = D(w, "nesterov_step", "w", gs.LongLength);
        for (long i = 0; i < ws.LongLength; i++)
        {
            Nesterov.Update(ref ws[i], gs[i], ref vs[i], lr, beta);
        }
    }

    /// <inheritdoc/>
    /// <remarks>
    /// <c>m ← β₁m + (1 − β₁)g</c>, <c>v ← β₂v + (1 − β₂)g²</c>, <c>θ ← θ − η m̂ / (√v̂ + ε)</c> on every weight:
    /// <see cref="Optimizers.Adam.Update"/>.
    /// </remarks>
    public void AdamStep(double lr, double beta1, double beta2, double epsilon, long t, Storage g, Storage m, Storage v, Storage w)
    {
        CheckStep("adam_step", t);
        var gs = D(g, "adam_step", "g");
        var ms = D(m, "adam_step", "m", gs.LongLength);
        var vs = D(v, "adam_step", "v", gs.LongLength);
        var ws = D(w, "adam_step", "w", gs.LongLength);
        double β1t = Math.Pow(beta1, t), β2t = Math.Pow(beta2, t); // β₁ᵗ, β₂ᵗ: once per step
        for (long i = 0; i < ws.LongLength; i++)
        {
            Adam.Update(ref ws[i], gs[i], ref ms[i], ref vs[i], lr, beta1, beta2, epsilon, β1t, β2t);
        }
    }

    /// <inheritdoc/>
    public void AdamStep(double lr, double beta1, double beta2, double epsilon, long t,
        ReadOnlySpan<Storage> g, ReadOnlySpan<Storage> m, ReadOnlySpan<Storage> v, ReadOnlySpan<Storage> w)
    {
        CheckStep("adam_step_multi", t);
        IBackend.RequireOneEntryPerTensor("adam_step_multi", [g.Length, m.Length, v.Length, w.Length]);
        for (int k = 0; k < g.Length; k++)
        {
            AdamStep(lr, beta1, beta2, epsilon, t, g[k], m[k], v[k], w[k]);
        }
    }

    private static void CheckStep(string op, long t)
    {
        if (t < 1)
        {
            throw new ArgumentException($"{op}: step t = {t} must be at least 1.", nameof(t));
        }
    }
}
