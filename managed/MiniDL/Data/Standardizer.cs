namespace MiniDL.Data;

/// <summary>
/// Per-feature standardization <c>x' = (x − μ) / σ</c>, with <c>μ</c> and <c>σ</c> fitted on the
/// training data only and then applied unchanged to validation and test data.
/// </summary>
/// <remarks>
/// <para>
/// <c>μ_j = 1/N Σ_i x_ij</c> and <c>σ_j = sqrt(1/N Σ_i (x_ij − μ_j)²)</c> (the population standard
/// deviation). A constant feature has <c>σ_j = 0</c>; it is then divided by 1 instead, so it becomes 0
/// rather than NaN (e.g. the always-blank corner pixels of the digits).
/// </para>
/// <para>
/// Fitting on the training part only keeps information about the test part out of training. Inputs of
/// similar scale keep the gradient-descent steps of lesson 1 (IT4653 Lesson 1,
/// gradient descent) balanced across weights.
/// </para>
/// </remarks>
public sealed class Standardizer
{
    private Standardizer(double[] mean, double[] std)
    {
        Mean = mean;
        StandardDeviation = std;
    }

    /// <summary>The fitted mean of each feature.</summary>
    public IReadOnlyList<double> Mean { get; }

    /// <summary>The fitted standard deviation of each feature (1 where the feature was constant).</summary>
    public IReadOnlyList<double> StandardDeviation { get; }

    /// <summary>Number of features this standardizer was fitted on.</summary>
    public int FeatureCount => Mean.Count;

    /// <summary>Fits the mean and standard deviation of each feature of a data set.</summary>
    /// <param name="train">The training data.</param>
    /// <returns>The fitted standardizer.</returns>
    public static Standardizer Fit(Dataset train)
    {
        ArgumentNullException.ThrowIfNull(train);
        return Fit(train.Features, train.FeatureCount);
    }

    /// <summary>Fits the mean and standard deviation of each column of a row-major matrix.</summary>
    /// <param name="features">Row-major features.</param>
    /// <param name="featureCount">Columns per row.</param>
    /// <returns>The fitted standardizer.</returns>
    /// <exception cref="ArgumentException">The matrix is empty or not a whole number of rows.</exception>
    public static Standardizer Fit(double[] features, int featureCount)
    {
        ArgumentNullException.ThrowIfNull(features);
        if (featureCount < 1 || features.Length == 0 || features.Length % featureCount != 0)
        {
            throw new ArgumentException(
                $"Standardizer.Fit: {features.Length} values are not a non-empty whole number of rows of {featureCount} features.", nameof(features));
        }

        int rows = features.Length / featureCount;
        var mean = new double[featureCount];
        var std = new double[featureCount];
        for (int r = 0; r < rows; r++)
        {
            for (int j = 0; j < featureCount; j++)
            {
                mean[j] += features[r * featureCount + j];
            }
        }

        for (int j = 0; j < featureCount; j++)
        {
            mean[j] /= rows;
            if (!double.IsFinite(mean[j]))
            {
                mean[j] = OverflowSafeMean(features, featureCount, rows, j);
            }
        }

        for (int r = 0; r < rows; r++)
        {
            for (int j = 0; j < featureCount; j++)
            {
                double d = features[r * featureCount + j] - mean[j];
                std[j] += d * d;
            }
        }

        for (int j = 0; j < featureCount; j++)
        {
            std[j] = Math.Sqrt(std[j] / rows);
            if (!double.IsFinite(std[j]))
            {
                std[j] = OverflowSafeStandardDeviation(features, featureCount, rows, j, mean[j]);
            }

            if (std[j] == 0)
            {
                std[j] = 1;
            }
        }

        return new Standardizer(mean, std);
    }

    /// <summary>μ of one column as Σ (x / n): no overflow for features near ±1.8e308 (used only when Σ x overflows).</summary>
    private static double OverflowSafeMean(double[] features, int featureCount, int rows, int j)
    {
        double mean = 0;
        for (int r = 0; r < rows; r++)
        {
            mean += features[r * featureCount + j] / rows;
        }

        return mean;
    }

    /// <summary>
    /// σ of one column as <c>s √(Σ ((x − μ)/s)² / n)</c> with <c>s = max |x − μ|</c>: the same number, without the
    /// overflow of squaring features near 1e200 (used only when the plain sum overflows).
    /// </summary>
    private static double OverflowSafeStandardDeviation(double[] features, int featureCount, int rows, int j, double mean)
    {
        double scale = 0;
        for (int r = 0; r < rows; r++)
        {
            scale = Math.Max(scale, Math.Abs((features[r * featureCount + j] / 2) - (mean / 2)));
        }

        if (scale == 0 || !double.IsFinite(scale))
        {
            return scale == 0 ? 0 : double.MaxValue;
        }

        double sum = 0;
        for (int r = 0; r < rows; r++)
        {
            double d = ((features[r * featureCount + j] / 2) - (mean / 2)) / scale;
            sum += d * d;
        }

        double std = 2 * scale * Math.Sqrt(sum / rows);
        return double.IsFinite(std) ? std : double.MaxValue;
    }

    /// <summary>Applies <c>(x − μ) / σ</c> to every row of a row-major matrix.</summary>
    /// <param name="features">Row-major features with <see cref="FeatureCount"/> columns.</param>
    /// <returns>A new standardized matrix.</returns>
    /// <exception cref="ArgumentException">The matrix is not a whole number of rows of <see cref="FeatureCount"/>.</exception>
    public double[] Transform(double[] features)
    {
        ArgumentNullException.ThrowIfNull(features);
        int columns = FeatureCount;
        if (features.Length % columns != 0)
        {
            throw new ArgumentException(
                $"Standardizer.Transform: {features.Length} values are not a whole number of rows of {columns} features.", nameof(features));
        }

        var result = new double[features.Length];
        for (int i = 0; i < features.Length; i++)
        {
            int j = i % columns;
            result[i] = (features[i] - Mean[j]) / StandardDeviation[j];
        }

        return result;
    }

    /// <summary>Returns the data set with standardized features.</summary>
    /// <param name="dataset">A data set with <see cref="FeatureCount"/> features.</param>
    /// <returns>A new data set; labels and targets are unchanged.</returns>
    /// <exception cref="ArgumentException">The feature counts differ.</exception>
    public Dataset Transform(Dataset dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        if (dataset.FeatureCount != FeatureCount)
        {
            throw new ArgumentException(
                $"Standardizer.Transform: fitted on {FeatureCount} features, data set '{dataset.Name}' has {dataset.FeatureCount}.", nameof(dataset));
        }

        return dataset.WithFeatures(Transform(dataset.Features));
    }
}
