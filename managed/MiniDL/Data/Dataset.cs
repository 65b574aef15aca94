namespace MiniDL.Data;

/// <summary>
/// A data set held as plain arrays: a row-major feature matrix (one sample per row) and, for
/// classification, one integer label per row or, for regression, one real target per row.
/// </summary>
/// <remarks>
/// <para>
/// One sample per row, MiniDL's convention for the <c>X</c> of lesson 7's matmul node <c>Y = X W</c>:
/// sample <c>i</c>'s features are <c>Features[i * FeatureCount .. (i + 1) * FeatureCount)</c>, row <c>i</c> of
/// the <c>X</c> in <c>Y = X W + b</c>.
/// </para>
/// <para>
/// Lesson 7 "Neural Network", "Nhắc lại về bài toán dự đoán", separates "Bài toán Phân loại (Classification)" and
/// "Bài toán Hồi quy (Regression)": classification (a label from a fixed set,
/// e.g. spam or not) and regression (a real number, e.g. a house price). A classification set has
/// <see cref="Labels"/> in <c>0 .. ClassCount - 1</c> and <see cref="Targets"/> = <see langword="null"/>;
/// a regression set (made with <see cref="ForRegression"/>) has <see cref="Targets"/>, an empty
/// <see cref="Labels"/> and <see cref="ClassCount"/> = 0.
/// </para>
/// <para>The arrays are shared, not copied: treat a data set as read-only.</para>
/// </remarks>
public sealed class Dataset
{
    private Dataset(
        string name,
        double[] features,
        int featureCount,
        int count,
        int[] labels,
        double[]? targets,
        string[] classNames,
        (int Height, int Width)? imageShape)
    {
        Name = name;
        Features = features;
        FeatureCount = featureCount;
        Count = count;
        Labels = labels;
        Targets = targets;
        ClassNames = classNames;
        ImageShape = imageShape;
    }

    /// <summary>Creates a classification data set.</summary>
    /// <param name="name">A short name, e.g. "digits".</param>
    /// <param name="features">Row-major features, <c>labels.Length × featureCount</c>.</param>
    /// <param name="featureCount">Number of features per sample (columns), at least 1.</param>
    /// <param name="labels">One label per sample, each in <c>0 .. classNames.Count - 1</c>.</param>
    /// <param name="classNames">The class names; their count is <see cref="ClassCount"/>.</param>
    /// <param name="imageShape">
    /// For image data: the height and width of one image, whose product must equal
    /// <paramref name="featureCount"/> (pixels stored row by row); <see langword="null"/> otherwise.
    /// </param>
    /// <exception cref="ArgumentException">The sizes disagree or a label is out of range.</exception>
    public Dataset(
        string name,
        double[] features,
        int featureCount,
        int[] labels,
        IReadOnlyList<string> classNames,
        (int Height, int Width)? imageShape = null)
        : this(name, features, featureCount, labels.Length, labels, null, classNames.ToArray(), imageShape)
    {
        ArgumentNullException.ThrowIfNull(name);
        Validate(name, features, featureCount, labels.Length, imageShape);
        if (classNames.Count == 0)
        {
            throw new ArgumentException($"Dataset '{name}': a classification data set needs at least one class name.", nameof(classNames));
        }

        for (int i = 0; i < labels.Length; i++)
        {
            if (labels[i] < 0 || labels[i] >= classNames.Count)
            {
                throw new ArgumentException(
                    $"Dataset '{name}': label {labels[i]} of sample {i} is outside 0..{classNames.Count - 1} ({classNames.Count} classes).",
                    nameof(labels));
            }
        }
    }

    /// <summary>Creates a regression data set (one real target per sample, no classes).</summary>
    /// <param name="name">A short name, e.g. "house-prices".</param>
    /// <param name="features">Row-major features, <c>targets.Length × featureCount</c>.</param>
    /// <param name="featureCount">Number of features per sample, at least 1.</param>
    /// <param name="targets">One real target per sample.</param>
    /// <returns>The data set, with <see cref="Targets"/> set and no labels.</returns>
    /// <exception cref="ArgumentException">The sizes disagree.</exception>
    public static Dataset ForRegression(string name, double[] features, int featureCount, double[] targets)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(targets);
        Validate(name, features, featureCount, targets.Length, null);
        return new Dataset(name, features, featureCount, targets.Length, [], targets, [], null);
    }

    /// <summary>The data set's short name.</summary>
    public string Name { get; }

    /// <summary>Row-major features: <see cref="Count"/> rows of <see cref="FeatureCount"/> values.</summary>
    public double[] Features { get; }

    /// <summary>Number of features (columns) per sample.</summary>
    public int FeatureCount { get; }

    /// <summary>Number of samples (rows).</summary>
    public int Count { get; }

    /// <summary>Class label of each sample (classification); empty for a regression set.</summary>
    public int[] Labels { get; }

    /// <summary>Real target of each sample (regression); <see langword="null"/> for a classification set.</summary>
    public double[]? Targets { get; }

    /// <summary>Names of the classes, indexed by label; empty for a regression set.</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>Number of classes (0 for a regression set).</summary>
    public int ClassCount => ClassNames.Count;

    /// <summary><see langword="true"/> when this is a regression set (it has <see cref="Targets"/>).</summary>
    public bool IsRegression => Targets is not null;

    /// <summary>Height and width of one image when the features are pixels stored row by row; otherwise <see langword="null"/>.</summary>
    public (int Height, int Width)? ImageShape { get; }

    /// <summary>Copies sample <paramref name="index"/>'s features into a new array.</summary>
    /// <param name="index">Sample index, <c>0 .. Count - 1</c>.</param>
    /// <returns>The <see cref="FeatureCount"/> features of that sample.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The index is outside the data set.</exception>
    public double[] Row(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        return Features.AsSpan(index * FeatureCount, FeatureCount).ToArray();
    }

    /// <summary>A new data set made of the given samples, in the given order (repeats allowed).</summary>
    /// <param name="indices">Sample indices, each in <c>0 .. Count - 1</c>.</param>
    /// <returns>The subset, with the same name, class names and image shape.</returns>
    /// <exception cref="ArgumentException">An index is outside the data set.</exception>
    public Dataset Subset(int[] indices)
    {
        ArgumentNullException.ThrowIfNull(indices);
        var features = new double[indices.Length * FeatureCount];
        var labels = IsRegression ? [] : new int[indices.Length];
        var targets = IsRegression ? new double[indices.Length] : null;
        for (int i = 0; i < indices.Length; i++)
        {
            int source = indices[i];
            if (source < 0 || source >= Count)
            {
                throw new ArgumentException(
                    $"Dataset.Subset('{Name}'): index {source} at position {i} is outside 0..{Count - 1}.", nameof(indices));
            }

            Array.Copy(Features, source * FeatureCount, features, i * FeatureCount, FeatureCount);
            if (targets is not null)
            {
                targets[i] = Targets![source];
            }
            else
            {
                labels[i] = Labels[source];
            }
        }

        return new Dataset(Name, features, FeatureCount, indices.Length, labels, targets, [.. ClassNames], ImageShape);
    }

    /// <summary>
    /// The same samples with new features (e.g. standardized or augmented); labels, targets, class
    /// names and image shape are kept.
    /// </summary>
    /// <param name="features">New row-major features, <c>Count × featureCount</c>.</param>
    /// <param name="featureCount">Features per row; defaults to the current <see cref="FeatureCount"/>.</param>
    /// <returns>The new data set.</returns>
    /// <exception cref="ArgumentException">The sizes disagree.</exception>
    public Dataset WithFeatures(double[] features, int? featureCount = null)
    {
        int columns = featureCount ?? FeatureCount;
        var shape = columns == FeatureCount ? ImageShape : null;
        Validate(Name, features, columns, Count, shape);
        return new Dataset(Name, features, columns, Count, Labels, Targets, [.. ClassNames], shape);
    }

    /// <summary>A short description: name, counts and kind.</summary>
    /// <returns>For example "digits: 1797 samples × 64 features, 10 classes".</returns>
    public override string ToString() =>
        IsRegression
            ? $"{Name}: {Count} samples × {FeatureCount} features, regression"
            : $"{Name}: {Count} samples × {FeatureCount} features, {ClassCount} classes";

    private static void Validate(string name, double[] features, int featureCount, int count, (int Height, int Width)? imageShape)
    {
        ArgumentNullException.ThrowIfNull(features);
        if (featureCount < 1)
        {
            throw new ArgumentException($"Dataset '{name}': featureCount must be at least 1, got {featureCount}.", nameof(featureCount));
        }

        if ((long)count * featureCount != features.Length)
        {
            throw new ArgumentException(
                $"Dataset '{name}': {count} samples × {featureCount} features = {(long)count * featureCount} values, but features has {features.Length}.",
                nameof(features));
        }

        if (imageShape is { } shape && (shape.Height < 1 || shape.Width < 1 || shape.Height * shape.Width != featureCount))
        {
            throw new ArgumentException(
                $"Dataset '{name}': image shape {shape.Height}×{shape.Width} does not hold {featureCount} features.", nameof(imageShape));
        }
    }
}
