namespace MiniDL.Cli.Training;

/// <summary>
/// How raw features become model inputs: images are divided by their largest pixel value (to [0, 1]); tabular
/// features are standardized <c>x' = (x − μ) / σ</c> with μ and σ fitted on the training part only (see
/// <see cref="Standardizer"/>). Saved in the checkpoint so that evaluation applies exactly the same numbers.
/// </summary>
/// <param name="Kind">"scale" or "standardize".</param>
/// <param name="Divisor">For "scale": the divisor (16 for digits, 1 for Fashion-MNIST, already in [0, 1]).</param>
/// <param name="Mean">For "standardize": μ per feature.</param>
/// <param name="StandardDeviation">For "standardize": σ per feature (1 where the feature was constant).</param>
public sealed record Preprocessing(string Kind, double Divisor, double[] Mean, double[] StandardDeviation)
{
    /// <summary>Scaling by a divisor.</summary>
    /// <param name="divisor">The divisor.</param>
    /// <returns>The preprocessing.</returns>
    public static Preprocessing Scale(double divisor) => new("scale", divisor, [], []);

    /// <summary>Standardization fitted on <paramref name="train"/>.</summary>
    /// <param name="train">The training part.</param>
    /// <returns>The preprocessing.</returns>
    public static Preprocessing Standardize(Dataset train)
    {
        var fitted = Standardizer.Fit(train);
        return new("standardize", 1, [.. fitted.Mean], [.. fitted.StandardDeviation]);
    }

    /// <summary>Applies the preprocessing to a data set's features (a new data set; labels unchanged).</summary>
    /// <param name="data">The data.</param>
    /// <returns>The transformed data (the same instance when there is nothing to do).</returns>
    /// <exception cref="InvalidDataException">A standardization fitted on another number of features.</exception>
    public Dataset Apply(Dataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (Kind != "standardize" && Divisor == 1)
        {
            return data; // already in [0, 1] (Fashion-MNIST): no copy of 47 million values
        }

        var x = data.Features;
        var result = new double[x.Length];
        if (Kind == "standardize")
        {
            int f = data.FeatureCount;
            if (Mean.Length != f || StandardDeviation.Length != f)
            {
                throw new InvalidDataException($"preprocessing: standardization fitted on {Mean.Length} features, data set '{data.Name}' has {f}.");
            }

            for (int i = 0; i < x.Length; i++)
            {
                int j = i % f;
                result[i] = (x[i] - Mean[j]) / StandardDeviation[j];
            }
        }
        else
        {
            for (int i = 0; i < x.Length; i++)
            {
                result[i] = x[i] / Divisor;
            }
        }

        return data.WithFeatures(result);
    }

    /// <summary>Adds the preprocessing to checkpoint metadata (keys "preprocess.*"; numbers in round-trip form).</summary>
    /// <param name="metadata">Where to add them.</param>
    public void WriteMetadata(IDictionary<string, string> metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        metadata["preprocess.kind"] = Kind;
        metadata["preprocess.divisor"] = TrainOptions.Num(Divisor);
        metadata["preprocess.mean"] = CheckpointMetadata.JoinNumbers(Mean);
        metadata["preprocess.std"] = CheckpointMetadata.JoinNumbers(StandardDeviation);
    }

    /// <summary>Reads the preprocessing back from checkpoint metadata.</summary>
    /// <param name="metadata">The checkpoint's metadata.</param>
    /// <returns>The preprocessing.</returns>
    /// <exception cref="InvalidDataException">An entry is missing or malformed.</exception>
    public static Preprocessing FromMetadata(IReadOnlyDictionary<string, string> metadata) => new(
        CheckpointMetadata.Get(metadata, "preprocess.kind"),
        CheckpointMetadata.Double(metadata, "preprocess.divisor"),
        CheckpointMetadata.Numbers(metadata, "preprocess.mean"),
        CheckpointMetadata.Numbers(metadata, "preprocess.std"));
}
