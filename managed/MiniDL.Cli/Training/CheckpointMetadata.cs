using System.Text;
using System.Text.Json;
using MiniDL.Autograd.Activations;
using MiniDL.Checkpoints;

namespace MiniDL.Cli.Training;

/// <summary>
/// What a <c>minidl train</c> checkpoint (model.safetensors) records besides the weights, as safetensors metadata
/// strings: the architecture needed to rebuild the model ("model.*"), the class names, the preprocessing
/// ("preprocess.*": the standardizer's μ and σ) and the data request ("data.*": the split), so that
/// <c>minidl eval</c> scores exactly the model that was trained on exactly the same test split.
/// </summary>
public static class CheckpointMetadata
{
    /// <summary>The value of "format" in every checkpoint written by <c>minidl train</c>.</summary>
    public const string Format = "minidl-mlp-v1";

    /// <summary>The description of a trained model.</summary>
    /// <param name="Sizes">Layer widths, input first.</param>
    /// <param name="Activation">Hidden activation name (<see cref="TrainOptions.ActivationNames"/>).</param>
    /// <param name="Dropout">Dropout probability (0 for none).</param>
    /// <param name="BatchNorm">Whether hidden layers have batch normalization.</param>
    /// <param name="Seed">The initialization seed (rebuilding with it gives the same layer names).</param>
    /// <param name="ClassNames">The class names, indexed by label.</param>
    /// <param name="Initializer">The weight initializer's name (gaussian, uniform, xavier, he), or null for the default (He for ReLU-like activations, Xavier otherwise).</param>
    /// <param name="Maxout">Pieces k of the Maxout hidden layers (Day 01, "Maxout"), or 0 for linear layers followed by <paramref name="Activation"/>.</param>
    public sealed record ModelSpec(
        int[] Sizes, string Activation, double Dropout, bool BatchNorm, int Seed, IReadOnlyList<string> ClassNames, string? Initializer = null, int Maxout = 0)
    {
        /// <summary>
        /// Builds the model: <see cref="Sequential.Mlp"/> with these settings on <paramref name="backend"/>; with
        /// <see cref="Maxout"/> &gt; 0 each hidden layer is a <see cref="MaxoutLayer"/> of k pieces (the activation is
        /// the maximum itself), optionally followed by batch normalization and dropout, and the output layer is linear.
        /// </summary>
        /// <param name="backend">Where the parameters live.</param>
        /// <returns>The untrained model.</returns>
        public Sequential Build(IBackend backend)
        {
            var initializer = Initializer is null ? null : MiniDL.Initializers.Initializer.FromName(Initializer);
            if (Maxout == 0)
            {
                return Sequential.Mlp(
                    Sizes, TrainOptions.ActivationNames[Activation], initializer, seed: Seed, backend: backend, dropout: Dropout, batchNorm: BatchNorm);
            }

            var layers = new List<Layer>();
            for (int l = 0; l + 1 < Sizes.Length; l++)
            {
                if (l + 2 < Sizes.Length)
                {
                    layers.Add(new MaxoutLayer(Sizes[l], Sizes[l + 1], Maxout, initializer, Seed + (100 * l), backend));
                    if (BatchNorm)
                    {
                        layers.Add(new BatchNorm(Sizes[l + 1], backend: backend));
                    }

                    if (Dropout > 0)
                    {
                        layers.Add(new Dropout(Dropout, Seed + 1000 + l, backend));
                    }
                }
                else
                {
                    layers.Add(new Linear(Sizes[l], Sizes[l + 1], initializer ?? new MiniDL.Initializers.Xavier(), Seed + l, backend));
                }
            }

            return new Sequential([.. layers]);
        }

        /// <summary>The hidden layers' activation as described: the activation name, or "maxout k".</summary>
        public string HiddenDescription => Maxout > 0 ? $"maxout k={Maxout.ToString(CultureInfo.InvariantCulture)}" : Activation;

        /// <summary>One line, e.g. "64 → 128 (relu) → 10".</summary>
        /// <returns>The description.</returns>
        public string Describe()
        {
            var text = new StringBuilder(Sizes[0].ToString(CultureInfo.InvariantCulture));
            for (int i = 1; i < Sizes.Length; i++)
            {
                text.Append(" → ").Append(Sizes[i].ToString(CultureInfo.InvariantCulture));
                if (i + 1 < Sizes.Length)
                {
                    text.Append(" (").Append(HiddenDescription).Append(BatchNorm ? ", batchnorm" : "").Append(Dropout > 0 ? $", dropout {TrainOptions.Num(Dropout)}" : "").Append(')');
                }
            }

            return text.ToString();
        }
    }

    /// <summary>Writes the model's weights and the metadata to a safetensors file.</summary>
    /// <param name="path">The file.</param>
    /// <param name="model">The trained model.</param>
    /// <param name="spec">Its architecture.</param>
    /// <param name="data">The data request (split).</param>
    /// <param name="preprocessing">The preprocessing.</param>
    /// <param name="extra">More metadata (training options, backend …).</param>
    /// <remarks>
    /// The weights are stored in the backend's element type (F64 for the reference backend, F32 for native float32),
    /// so loading them back gives bit-identical values and therefore bit-identical predictions.
    /// </remarks>
    public static void Save(string path, Layer model, ModelSpec spec, DataRequest data, Preprocessing preprocessing, IReadOnlyDictionary<string, string>? extra = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(preprocessing);
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["format"] = Format,
            ["model.sizes"] = string.Join(",", spec.Sizes.Select(s => s.ToString(CultureInfo.InvariantCulture))),
            ["model.activation"] = spec.Activation,
            ["model.dropout"] = TrainOptions.Num(spec.Dropout),
            ["model.batchnorm"] = spec.BatchNorm ? "true" : "false",
            ["model.seed"] = spec.Seed.ToString(CultureInfo.InvariantCulture),
            ["model.description"] = spec.Describe(),
            ["model.maxout"] = spec.Maxout.ToString(CultureInfo.InvariantCulture),
            ["classes"] = JsonStrings(spec.ClassNames),
        };
        if (spec.Initializer is not null)
        {
            metadata["model.initializer"] = spec.Initializer;
        }

        data.WriteMetadata(metadata);
        preprocessing.WriteMetadata(metadata);
        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            metadata.TryAdd(key, value);
        }

        var dtype = model.Backend.DType == DType.Float64 ? SafeTensorsDType.F64 : SafeTensorsDType.F32;
        SafeTensors.Save(path, ModelState.ToNamedArrays(model, dtype), metadata);
    }

    /// <summary>Reads the architecture back from checkpoint metadata.</summary>
    /// <param name="metadata">The metadata.</param>
    /// <returns>The spec.</returns>
    /// <exception cref="InvalidDataException">
    /// The file was not written by <c>minidl train</c>, an entry is malformed, or the sizes exceed <see cref="ModelBudget"/>.
    /// </exception>
    public static ModelSpec ReadSpec(IReadOnlyDictionary<string, string> metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        if (!metadata.TryGetValue("format", out var format) || format != Format)
        {
            throw new InvalidDataException($"checkpoint: metadata \"format\" is '{format ?? "(missing)"}', expected '{Format}' (a file written by minidl train).");
        }

        var sizes = Get(metadata, "model.sizes").Split(',').Select(s => int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v > 0
            ? v
            : throw new InvalidDataException($"checkpoint: metadata \"model.sizes\" = '{metadata["model.sizes"]}' is not a list of widths.")).ToArray();
        if (ModelBudget.Problem(sizes) is { } tooLarge)
        {
            throw new InvalidDataException($"checkpoint: metadata \"model.sizes\" = '{metadata["model.sizes"]}': {tooLarge}.");
        }

        var activation = Get(metadata, "model.activation");
        if (!TrainOptions.ActivationNames.ContainsKey(activation))
        {
            throw new InvalidDataException($"checkpoint: metadata \"model.activation\" = '{activation}' is not known.");
        }

        var classes = ParseStrings(Get(metadata, "classes"), "classes");
        if (sizes.Length < 2 || classes.Length != sizes[^1])
        {
            throw new InvalidDataException($"checkpoint: {classes.Length} class names for an output width of {sizes[^1]}.");
        }

        // Checkpoints written before --init and --maxout have neither key: the defaults.
        var initializer = metadata.TryGetValue("model.initializer", out var init) ? init : null;
        if (initializer is not null && !TrainOptions.InitializerNames.Contains(initializer))
        {
            throw new InvalidDataException($"checkpoint: metadata \"model.initializer\" = '{initializer}' is not known.");
        }

        int maxout = metadata.ContainsKey("model.maxout") ? Int(metadata, "model.maxout") : 0;
        if (maxout is < 0 or > TrainOptions.MaxMaxoutPieces)
        {
            throw new InvalidDataException($"checkpoint: metadata \"model.maxout\" = {maxout} is not 0..{TrainOptions.MaxMaxoutPieces}.");
        }

        return new ModelSpec(
            sizes, activation, Double(metadata, "model.dropout"), Get(metadata, "model.batchnorm") == "true", Int(metadata, "model.seed"), classes, initializer, maxout);
    }

    /// <summary>A metadata entry.</summary>
    /// <param name="metadata">The metadata.</param>
    /// <param name="key">The key.</param>
    /// <returns>The value.</returns>
    /// <exception cref="InvalidDataException">The key is missing.</exception>
    public static string Get(IReadOnlyDictionary<string, string> metadata, string key)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        return metadata.TryGetValue(key, out var value)
            ? value
            : throw new InvalidDataException($"checkpoint: metadata has no \"{key}\" (was it written by minidl train?).");
    }

    /// <summary>An integer metadata entry.</summary>
    /// <param name="metadata">The metadata.</param>
    /// <param name="key">The key.</param>
    /// <returns>The value.</returns>
    /// <exception cref="InvalidDataException">Missing or not an integer.</exception>
    public static int Int(IReadOnlyDictionary<string, string> metadata, string key)
    {
        var text = Get(metadata, key);
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new InvalidDataException($"checkpoint: metadata \"{key}\" = '{text}' is not an integer.");
    }

    /// <summary>A number metadata entry.</summary>
    /// <param name="metadata">The metadata.</param>
    /// <param name="key">The key.</param>
    /// <returns>The value.</returns>
    /// <exception cref="InvalidDataException">Missing or not a number.</exception>
    public static double Double(IReadOnlyDictionary<string, string> metadata, string key)
    {
        var text = Get(metadata, key);
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new InvalidDataException($"checkpoint: metadata \"{key}\" = '{text}' is not a number.");
    }

    /// <summary>A comma-separated list of numbers (empty text: none).</summary>
    /// <param name="metadata">The metadata.</param>
    /// <param name="key">The key.</param>
    /// <returns>The numbers.</returns>
    /// <exception cref="InvalidDataException">Missing or malformed.</exception>
    public static double[] Numbers(IReadOnlyDictionary<string, string> metadata, string key)
    {
        var text = Get(metadata, key);
        return text.Length == 0
            ? []
            : text.Split(',').Select(s => double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v)
                ? v
                : throw new InvalidDataException($"checkpoint: metadata \"{key}\" holds '{s}', not a number.")).ToArray();
    }

    /// <summary>Numbers joined by commas in round-trip form (parsing gives back the same doubles).</summary>
    /// <param name="values">The numbers.</param>
    /// <returns>The text.</returns>
    public static string JoinNumbers(IEnumerable<double> values) => string.Join(",", values.Select(TrainOptions.Num));

    /// <summary>A JSON array of strings (written with <see cref="Utf8JsonWriter"/>).</summary>
    /// <param name="values">The strings.</param>
    /// <returns>The JSON text.</returns>
    public static string JsonStrings(IEnumerable<string> values)
    {
        using var stream = new MemoryStream();
        using (var j = new Utf8JsonWriter(stream))
        {
            j.WriteStartArray();
            foreach (var v in values)
            {
                j.WriteStringValue(v);
            }

            j.WriteEndArray();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static string[] ParseStrings(string json, string key)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.EnumerateArray().Select(e => e.GetString() ?? "").ToArray();
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            throw new InvalidDataException($"checkpoint: metadata \"{key}\" is not a JSON array of strings: {e.Message}");
        }
    }
}
