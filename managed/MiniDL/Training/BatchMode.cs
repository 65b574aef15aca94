namespace MiniDL.Training;

/// <summary>How many samples each update is computed from — the three names Day 01 uses.</summary>
/// <remarks>
/// Day 01, "Stochastic Gradient (SGD)", "Mini-Batch vs Batch Gradient Descent"
/// and their pseudocode: SGD updates after every sample (noisy), batch GD after the whole data (stable but slow),
/// mini-batch in between ("đánh đổi", a trade-off; 32, 64 or 128 are common). One training loop serves all three:
/// only the batch size differs. An epoch is one pass over the data, an iteration one update, so an epoch has
/// N, ⌈N/B⌉ or 1 iterations.
/// </remarks>
public enum BatchMode
{
    /// <summary>Stochastic gradient descent: one sample per update (batch size 1).</summary>
    Sgd,

    /// <summary>Mini-batch gradient descent: B samples per update (the last batch of an epoch may be smaller).</summary>
    MiniBatch,

    /// <summary>Batch gradient descent: all the training data per update (one iteration per epoch).</summary>
    BatchGD,
}
