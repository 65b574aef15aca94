namespace MiniDL.Data;

/// <summary>
/// Random over- and under-sampling: re-balancing an imbalanced classification data set by repeating
/// samples of the small classes or dropping samples of the large ones.
/// </summary>
/// <remarks>
/// Day 01, imbalanced data: "Using Resampling (Oversampling and
/// Undersampling): try to rebuild the data set so that the classes have more balanced frequencies".
/// Over-sampling draws, with replacement, extra samples of every class until each has as many as the
/// largest class; under-sampling keeps, without replacement, as many samples of every class as the
/// smallest class has. Classes with no samples at all are left out of both counts. Only the training
/// part should be resampled: validation and test must keep the real class frequencies. The alternative,
/// re-weighting the loss, is <see cref="ClassWeights"/>.
/// </remarks>
public static class Sampling
{
    /// <summary>Repeats randomly drawn samples of every minority class up to the majority class's count, then shuffles.</summary>
    /// <param name="dataset">A classification data set.</param>
    /// <param name="seed">The seed.</param>
    /// <returns>A balanced data set: every present class has the majority count.</returns>
    /// <exception cref="ArgumentException">The data set is a regression set.</exception>
    public static Dataset RandomOverSample(Dataset dataset, int seed)
    {
        RequireClassification(dataset, nameof(RandomOverSample));
        return dataset.Subset(RandomOverSampleIndices(dataset.Labels, dataset.ClassCount, seed));
    }

    /// <summary>Keeps a random subset of every class down to the minority class's count, then shuffles.</summary>
    /// <param name="dataset">A classification data set.</param>
    /// <param name="seed">The seed.</param>
    /// <returns>A balanced data set: every present class has the minority count.</returns>
    /// <exception cref="ArgumentException">The data set is a regression set.</exception>
    public static Dataset RandomUnderSample(Dataset dataset, int seed)
    {
        RequireClassification(dataset, nameof(RandomUnderSample));
        return dataset.Subset(RandomUnderSampleIndices(dataset.Labels, dataset.ClassCount, seed));
    }

    /// <summary>The sample indices random over-sampling picks: all originals plus repeats, shuffled.</summary>
    /// <param name="labels">Labels in <c>0 .. classes - 1</c>.</param>
    /// <param name="classes">Number of classes.</param>
    /// <param name="seed">The seed.</param>
    /// <returns>Indices into <paramref name="labels"/>.</returns>
    /// <exception cref="ArgumentException">A label is out of range.</exception>
    public static int[] RandomOverSampleIndices(int[] labels, int classes, int seed)
    {
        var byClass = GroupByClass(labels, classes, nameof(RandomOverSampleIndices));
        int target = byClass.Max(g => g.Count);
        var random = new Random(seed);
        var result = new List<int>(target * classes);
        foreach (var members in byClass.Where(g => g.Count > 0))
        {
            result.AddRange(members);
            for (int k = members.Count; k < target; k++)
            {
                result.Add(members[random.Next(members.Count)]);
            }
        }

        return Permute(result, random);
    }

    /// <summary>The sample indices random under-sampling keeps: a random subset of each class, shuffled.</summary>
    /// <param name="labels">Labels in <c>0 .. classes - 1</c>.</param>
    /// <param name="classes">Number of classes.</param>
    /// <param name="seed">The seed.</param>
    /// <returns>Indices into <paramref name="labels"/>, without repeats.</returns>
    /// <exception cref="ArgumentException">A label is out of range.</exception>
    public static int[] RandomUnderSampleIndices(int[] labels, int classes, int seed)
    {
        var byClass = GroupByClass(labels, classes, nameof(RandomUnderSampleIndices));
        var present = byClass.Where(g => g.Count > 0).ToList();
        if (present.Count == 0)
        {
            return [];
        }

        int target = present.Min(g => g.Count);
        var random = new Random(seed);
        var result = new List<int>(target * present.Count);
        foreach (var members in present)
        {
            var order = Splits.Shuffle(members.Count, random);
            for (int k = 0; k < target; k++)
            {
                result.Add(members[order[k]]);
            }
        }

        return Permute(result, random);
    }

    private static List<int>[] GroupByClass(int[] labels, int classes, string operation)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (classes < 1)
        {
            throw new ArgumentException($"Sampling.{operation}: classes must be at least 1, got {classes}.", nameof(classes));
        }

        var byClass = new List<int>[classes];
        for (int c = 0; c < classes; c++)
        {
            byClass[c] = [];
        }

        for (int i = 0; i < labels.Length; i++)
        {
            if (labels[i] < 0 || labels[i] >= classes)
            {
                throw new ArgumentException($"Sampling.{operation}: label {labels[i]} at index {i} is outside 0..{classes - 1}.", nameof(labels));
            }

            byClass[labels[i]].Add(i);
        }

        return byClass;
    }

    private static int[] Permute(List<int> items, Random random)
    {
        var order = Splits.Shuffle(items.Count, random);
        var result = new int[items.Count];
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = items[order[i]];
        }

        return result;
    }

    private static void RequireClassification(Dataset dataset, string operation)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        if (dataset.IsRegression)
        {
            throw new ArgumentException($"Sampling.{operation}: data set '{dataset.Name}' is a regression set; resampling needs class labels.", nameof(dataset));
        }
    }
}
