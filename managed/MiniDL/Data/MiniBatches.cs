namespace MiniDL.Data;

/// <summary>One mini-batch of a data set: the inputs X, the targets T, and the labels and rows they came from.</summary>
public sealed class MiniBatch : IDisposable
{
    internal MiniBatch(Tensor inputs, Tensor targets, int[] labels, int[] indices)
    {
        Inputs = inputs;
        Targets = targets;
        Labels = labels;
        Indices = indices;
    }

    /// <summary>X, shape (B, features): one sample per row (lesson 7's convention).</summary>
    public Tensor Inputs { get; }

    /// <summary>T, shape (B, classes) of one-hot rows, or (B, 1): the 0/1 label of a binary task or the regression target.</summary>
    public Tensor Targets { get; }

    /// <summary>The class label of each row (empty for a regression set): compare with <c>Trainer.PredictedLabels</c>.</summary>
    public int[] Labels { get; }

    /// <summary>Which samples of the data set the rows are, in order.</summary>
    public int[] Indices { get; }

    /// <summary>The number of samples B in this batch (the last batch of an epoch may have fewer).</summary>
    public int Count => Indices.Length;

    /// <summary>Releases the two tensors.</summary>
    public void Dispose()
    {
        Inputs.Dispose();
        Targets.Dispose();
    }
}

/// <summary>Splits a data set into mini-batches for a training loop written by hand.</summary>
/// <remarks>
/// Day 01, "Mini-Batch vs Batch Gradient Descent": each epoch visits the N samples in a (shuffled) order and cuts it
/// into ⌈N/B⌉ batches of B samples, the last one smaller when B does not divide N; one update per batch. B = 1 is
/// SGD, B = N batch gradient descent. <c>Trainer.Fit</c> cuts its epochs the same way; this is for a loop such as
/// <code>
/// foreach (var batch in MiniBatches.Of(train, 32, backend, shuffleSeed: epoch))
/// {
///     optimizer.ZeroGrad();
///     SoftmaxCrossEntropy.Forward(model.Forward(Node.Constant(batch.Inputs)), Node.Constant(batch.Targets)).Backward();
///     optimizer.Step();
/// }
/// </code>
/// Each batch has tensors of its own (so <c>.First()</c> or <c>.ToList()</c> keep working); like the graph's nodes, they are
/// released by the garbage collector, or at once by <see cref="MiniBatch.Dispose"/>.
/// </remarks>
public static class MiniBatches
{
    /// <summary>The mini-batches of one epoch over <paramref name="data"/>.</summary>
    /// <param name="data">The data set.</param>
    /// <param name="batchSize">B, at least 1.</param>
    /// <param name="backend">Where the batch tensors live (the reference backend when null): the model's backend.</param>
    /// <param name="shuffleSeed">Shuffle the samples with this seed (pass a new seed each epoch, e.g. the epoch number); null keeps the data set's order.</param>
    /// <param name="targetColumns">
    /// The width of T: the number of classes by default (one-hot rows), or 1 for one output (a binary label in 0/1, or
    /// the target of a regression set).
    /// </param>
    /// <returns>The batches, in order; each holds at most B samples.</returns>
    /// <exception cref="ArgumentException">B is below 1, or <paramref name="targetColumns"/> fits neither one-hot rows nor one output.</exception>
    public static IEnumerable<MiniBatch> Of(Dataset data, int batchSize, IBackend? backend = null, int? shuffleSeed = null, int? targetColumns = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (batchSize < 1)
        {
            throw new ArgumentException($"MiniBatches.Of: batch size {batchSize} must be at least 1.", nameof(batchSize));
        }

        int columns = targetColumns ?? (data.IsRegression ? 1 : data.ClassCount);
        bool oneHot = !data.IsRegression && columns == data.ClassCount;
        bool oneOutput = columns == 1 && (data.IsRegression || data.ClassCount <= 2);
        if (!oneHot && !oneOutput)
        {
            string has = data.IsRegression ? "a regression target" : $"{data.ClassCount} classes";
            string use = data.IsRegression ? "1" : $"{data.ClassCount} (one-hot) or 1 (two classes only)";
            throw new ArgumentException($"MiniBatches.Of: {columns} target columns for '{data.Name}', which has {has}; use {use}.", nameof(targetColumns));
        }

        int[] order = shuffleSeed is int seed ? Splits.Shuffle(data.Count, seed) : [.. Enumerable.Range(0, data.Count)];
        return Cut(data, order, batchSize, backend ?? ReferenceBackend.Instance, columns);
    }

    // The iterator itself: the checks above run when Of is called, not at the loop's first step.
    private static IEnumerable<MiniBatch> Cut(Dataset data, int[] order, int batchSize, IBackend backend, int columns)
    {
        for (int start = 0; start < order.Length; start += batchSize)
        {
            int[] rows = order[start..Math.Min(start + batchSize, order.Length)];
            var x = new double[rows.Length * data.FeatureCount];
            for (int r = 0; r < rows.Length; r++)
            {
                data.Features.AsSpan(rows[r] * data.FeatureCount, data.FeatureCount).CopyTo(x.AsSpan(r * data.FeatureCount));
            }

            int[] labels = data.IsRegression ? [] : [.. rows.Select(i => data.Labels[i])];
            double[] t = data.IsRegression ? [.. rows.Select(i => data.Targets![i])]
                : columns == 1 ? [.. labels.Select(l => (double)l)]
                : Splits.OneHot(labels, columns);
            yield return new MiniBatch(
                Tensor.FromArray(x, rows.Length, data.FeatureCount, backend), Tensor.FromArray(t, rows.Length, columns, backend), labels, rows);
        }
    }
}
