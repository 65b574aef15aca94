namespace MiniDL.Data;

/// <summary>
/// Shuffling and splitting a data set into training, validation and test parts, and one-hot encoding of labels.
/// </summary>
/// <remarks>
/// IT4653 Lesson 1 "Introduction to deep learning", "Tập huấn luyện và tập kiểm tra" (training and test sets), and
/// Day 01, "Early Stopping": the model is fitted on
/// the training part, the validation part is monitored (e.g. <c>monitor='val_loss'</c> for early stopping),
/// and the test part is looked at once, at the end. Every function here is seeded: <see cref="Random"/>
/// constructed with a seed gives the same sequence on every run of the same .NET version.
/// </remarks>
public static class Splits
{
    /// <summary>A random permutation of <c>0 .. n - 1</c> by the Fisher–Yates shuffle, from a seed.</summary>
    /// <param name="n">Number of items, at least 0.</param>
    /// <param name="seed">The seed; the same seed gives the same permutation.</param>
    /// <returns>The permutation.</returns>
    /// <remarks>
    /// Fisher–Yates: for <c>i = n − 1</c> down to 1, pick <c>j</c> uniformly in <c>0 .. i</c> and swap
    /// items <c>i</c> and <c>j</c>; every one of the <c>n!</c> orders is equally likely.
    /// </remarks>
    /// <exception cref="ArgumentException"><paramref name="n"/> is negative.</exception>
    public static int[] Shuffle(int n, int seed) => Shuffle(n, new Random(seed));

    /// <summary>A random permutation of <c>0 .. n - 1</c> by the Fisher–Yates shuffle, drawing from <paramref name="random"/>.</summary>
    /// <param name="n">Number of items, at least 0.</param>
    /// <param name="random">The random source (e.g. one per training run, so each epoch gets a new order).</param>
    /// <returns>The permutation.</returns>
    /// <exception cref="ArgumentException"><paramref name="n"/> is negative.</exception>
    public static int[] Shuffle(int n, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (n < 0)
        {
            throw new ArgumentException($"Splits.Shuffle: n must be at least 0, got {n}.", nameof(n));
        }

        var order = new int[n];
        for (int i = 0; i < n; i++)
        {
            order[i] = i;
        }

        for (int i = n - 1; i > 0; i--)
        {
            int j = random.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }

        return order;
    }

    /// <summary>
    /// Shuffles the data set with a seed and cuts it into training, validation and test parts (not stratified).
    /// </summary>
    /// <param name="dataset">The data set.</param>
    /// <param name="validationFraction">Fraction of samples for validation, in [0, 1).</param>
    /// <param name="testFraction">Fraction of samples for testing, in [0, 1).</param>
    /// <param name="seed">Shuffle seed.</param>
    /// <returns>
    /// The three parts; the test part has <c>round(N · testFraction)</c> samples, the validation part
    /// <c>round(N · validationFraction)</c>, the training part the rest. Every sample is in exactly one part.
    /// </returns>
    /// <exception cref="ArgumentException">A fraction is outside [0, 1) or their sum leaves no training sample.</exception>
    public static DataSplit TrainValidationTest(Dataset dataset, double validationFraction, double testFraction, int seed)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        if (!(validationFraction >= 0 && validationFraction < 1) || !(testFraction >= 0 && testFraction < 1))
        {
            throw new ArgumentException(
                $"Splits.TrainValidationTest: fractions must be in [0, 1), got validation {validationFraction} and test {testFraction}.");
        }

        int n = dataset.Count;
        int testCount = (int)Math.Round(n * testFraction, MidpointRounding.AwayFromZero);
        int validationCount = (int)Math.Round(n * validationFraction, MidpointRounding.AwayFromZero);
        int trainCount = n - testCount - validationCount;
        if (trainCount < 1)
        {
            throw new ArgumentException(
                $"Splits.TrainValidationTest: validation {validationFraction} + test {testFraction} of {n} samples leaves {trainCount} for training.");
        }

        var order = Shuffle(n, seed);
        return new DataSplit(
            dataset.Subset(order[..trainCount]),
            dataset.Subset(order[trainCount..(trainCount + validationCount)]),
            dataset.Subset(order[(trainCount + validationCount)..]));
    }

    /// <summary>One-hot encoding: row <c>i</c> has a 1 in column <c>labels[i]</c> and 0 elsewhere.</summary>
    /// <param name="labels">Labels, each in <c>0 .. classes - 1</c>.</param>
    /// <param name="classes">Number of classes (columns), at least 1.</param>
    /// <returns>A row-major <c>labels.Length × classes</c> matrix.</returns>
    /// <remarks>
    /// The targets <c>y_ij</c> of categorical cross-entropy <c>−1/n Σ_i Σ_j y_ij log ŷ_ij</c>
    /// (Day 01, "Cross-Entropy Loss"), where <c>y_ij = 1</c> exactly when sample
    /// <c>i</c> is of class <c>j</c>.
    /// </remarks>
    /// <exception cref="ArgumentException"><paramref name="classes"/> is below 1 or a label is out of range.</exception>
    public static double[] OneHot(int[] labels, int classes)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (classes < 1)
        {
            throw new ArgumentException($"Splits.OneHot: classes must be at least 1, got {classes}.", nameof(classes));
        }

        var matrix = new double[labels.Length * classes];
        for (int i = 0; i < labels.Length; i++)
        {
            if (labels[i] < 0 || labels[i] >= classes)
            {
                throw new ArgumentException($"Splits.OneHot: label {labels[i]} at index {i} is outside 0..{classes - 1}.", nameof(labels));
            }

            matrix[i * classes + labels[i]] = 1.0;
        }

        return matrix;
    }
}
