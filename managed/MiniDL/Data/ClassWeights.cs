namespace MiniDL.Data;

/// <summary>
/// Class weights for a weighted loss on imbalanced data: <c>w_c = 1 − n_c / N</c>.
/// </summary>
/// <remarks>
/// Day 01, imbalanced data, "Weight Loss Function":
/// <c>class weight = 1 − (number of samples of the class / total number of samples)</c>, so a rare class
/// gets a weight near 1 and a common one a smaller weight. The lecture's example has
/// <c>samples_per_classes = [100, 200, 300, 400]</c>, giving weights <c>[0.9, 0.8, 0.7, 0.6]</c>, which it
/// passes to <c>nn.CrossEntropyLoss(weight=…)</c>. (This is the lecture's formula; other libraries often
/// use <c>N / (classes · n_c)</c> instead.)
/// </remarks>
public static class ClassWeights
{
    /// <summary>Computes <c>w_c = 1 − n_c / N</c> from the labels.</summary>
    /// <param name="labels">Labels in <c>0 .. classes - 1</c>; at least one.</param>
    /// <param name="classes">Number of classes.</param>
    /// <returns>One weight per class.</returns>
    /// <exception cref="ArgumentException">There are no labels, <paramref name="classes"/> is below 1, or a label is out of range.</exception>
    public static double[] Compute(int[] labels, int classes)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (classes < 1)
        {
            throw new ArgumentException($"ClassWeights.Compute: classes must be at least 1, got {classes}.", nameof(classes));
        }

        var counts = new int[classes];
        for (int i = 0; i < labels.Length; i++)
        {
            if (labels[i] < 0 || labels[i] >= classes)
            {
                throw new ArgumentException($"ClassWeights.Compute: label {labels[i]} at index {i} is outside 0..{classes - 1}.", nameof(labels));
            }

            counts[labels[i]]++;
        }

        return FromCounts(counts);
    }

    /// <summary>Computes <c>w_c = 1 − n_c / N</c> from the number of samples of each class, as the lecture's code does.</summary>
    /// <param name="samplesPerClass">The count <c>n_c</c> of each class, each at least 0, total above 0.</param>
    /// <returns>One weight per class.</returns>
    /// <exception cref="ArgumentException">A count is negative or all are zero.</exception>
    public static double[] FromCounts(IReadOnlyList<int> samplesPerClass)
    {
        ArgumentNullException.ThrowIfNull(samplesPerClass);
        long total = 0;
        for (int c = 0; c < samplesPerClass.Count; c++)
        {
            if (samplesPerClass[c] < 0)
            {
                throw new ArgumentException($"ClassWeights.FromCounts: class {c} has a negative count {samplesPerClass[c]}.", nameof(samplesPerClass));
            }

            total += samplesPerClass[c];
        }

        if (total == 0)
        {
            throw new ArgumentException($"ClassWeights.FromCounts: the {samplesPerClass.Count} class counts add up to 0 samples.", nameof(samplesPerClass));
        }

        var weights = new double[samplesPerClass.Count];
        for (int c = 0; c < weights.Length; c++)
        {
            weights[c] = 1.0 - (double)samplesPerClass[c] / total;
        }

        return weights;
    }
}
