using MiniDL.Layers;

namespace MiniDL.Regularization;

/// <summary>Early stopping: stop when the monitored validation loss has not improved for <see cref="Patience"/> epochs, and restore the best weights.</summary>
/// <remarks>
/// Day 01, "Early Stopping": stop training when the model shows no
/// progress, controlled by <c>patience</c>, "the number of epochs without improvement"; its example is Keras's
/// <c>EarlyStopping(monitor='val_loss', patience=5)</c>. An epoch improves when its loss is below the best so far by
/// more than <see cref="MinDelta"/>. With <see cref="RestoreBestWeights"/> (as Keras's <c>restore_best_weights=True</c>)
/// a copy of every parameter and buffer is kept on the backend at each new best (<c>IBackend.Copy</c>, nothing crosses
/// to the host) and put back when training ends.
/// </remarks>
public sealed class EarlyStopping
{
    private Tensor[]? _best;

    /// <summary>Creates the rule.</summary>
    /// <param name="patience">Epochs without improvement before stopping, at least 1 (the lecture's example: 5).</param>
    /// <param name="minDelta">The least decrease that counts as an improvement, at least 0.</param>
    /// <param name="restoreBestWeights">Whether to keep and restore the best weights.</param>
    public EarlyStopping(int patience = 5, double minDelta = 0, bool restoreBestWeights = true)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(patience, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(minDelta);
        Patience = patience;
        MinDelta = minDelta;
        RestoreBestWeights = restoreBestWeights;
    }

    /// <summary>Epochs without improvement before stopping.</summary>
    public int Patience { get; }

    /// <summary>The least decrease that counts as an improvement.</summary>
    public double MinDelta { get; }

    /// <summary>Whether the best weights are kept and restored.</summary>
    public bool RestoreBestWeights { get; }

    /// <summary>The best monitored loss so far (+∞ before the first epoch).</summary>
    public double BestLoss { get; private set; } = double.PositiveInfinity;

    /// <summary>The epoch of <see cref="BestLoss"/> (−1 before the first).</summary>
    public int BestEpoch { get; private set; } = -1;

    /// <summary>Epochs since the last improvement (Keras's <c>wait</c>).</summary>
    public int Wait { get; private set; }

    /// <summary>True once <see cref="Wait"/> reached <see cref="Patience"/>.</summary>
    public bool ShouldStop => Wait >= Patience;

    /// <summary>Records one epoch's monitored loss; returns true when training should stop.</summary>
    /// <param name="epoch">The epoch number.</param>
    /// <param name="monitoredLoss">The validation loss of that epoch.</param>
    /// <param name="model">The model, whose weights are copied when this epoch is the best.</param>
    /// <returns>Whether to stop now.</returns>
    public bool Update(int epoch, double monitoredLoss, Layer model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (monitoredLoss < BestLoss - MinDelta)
        {
            BestLoss = monitoredLoss;
            BestEpoch = epoch;
            Wait = 0;
            if (RestoreBestWeights)
            {
                Snapshot(model);
            }
        }
        else
        {
            Wait++;
        }

        return ShouldStop;
    }

    /// <summary>Copies the best weights back into the model (nothing happens if none were kept).</summary>
    /// <param name="model">The same model that was passed to <see cref="Update"/>.</param>
    /// <returns>True when weights were restored.</returns>
    public bool RestoreBest(Layer model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (_best is null)
        {
            return false;
        }

        int i = 0;
        foreach (var p in model.State())
        {
            p.CopyFrom(_best[i++]);
        }

        return true;
    }

    /// <summary>Forgets the history (for a new training run).</summary>
    public void Reset()
    {
        BestLoss = double.PositiveInfinity;
        BestEpoch = -1;
        Wait = 0;
        if (_best is not null)
        {
            foreach (var t in _best)
            {
                t.Dispose();
            }
        }

        _best = null;
    }

    private void Snapshot(Layer model)
    {
        var state = model.State().ToArray();
        if (_best is null || _best.Length != state.Length || !SameBackends(state))
        {
            _best = new Tensor[state.Length];
            for (int i = 0; i < state.Length; i++)
            {
                _best[i] = state[i].Value.Clone();
            }

            return;
        }

        for (int i = 0; i < state.Length; i++)
        {
            state[i].Backend.Copy(state[i].Value.Storage, _best[i].Storage);
        }
    }

    private bool SameBackends(Parameter[] state)
    {
        for (int i = 0; i < state.Length; i++)
        {
            if (!ReferenceEquals(state[i].Backend, _best![i].Backend) || state[i].Value.Length != _best[i].Length)
            {
                return false;
            }
        }

        return true;
    }
}
