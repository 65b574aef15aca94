namespace MiniDL.Cli.Training;

/// <summary>
/// Which data to load and how to split it: a named data set or a CSV file, the seeded split fractions and the seed.
/// <c>minidl train</c> saves it in the checkpoint's metadata so that <c>minidl eval</c> rebuilds the same test split.
/// </summary>
public sealed record DataRequest
{
    /// <summary>The test fraction of the data sets that have no test part of their own.</summary>
    public const double DefaultTestFraction = 0.2;

    /// <summary>The validation fraction by default.</summary>
    public const double DefaultValidationFraction = 0.1;

    /// <summary>"digits", "iris", "fashion-mnist", "xor", "spiral" or "csv".</summary>
    public required string Kind { get; init; }

    /// <summary>A short name (the data set's name, or the CSV file's name without extension): the default output folder.</summary>
    public required string Name { get; init; }

    /// <summary>The CSV file, when <see cref="Kind"/> is "csv".</summary>
    public string? CsvPath { get; init; }

    /// <summary>0-based label column of the CSV file; -1 is the last (<c>--label-column</c>).</summary>
    public int LabelColumn { get; init; } = -1;

    /// <summary>Whether the CSV file's first line is a header (<c>--header</c>).</summary>
    public bool Header { get; init; }

    /// <summary>Whether CSV rows with a non-finite or unreadable cell or a bad label are left out (and named) instead of rejected (<c>--drop-bad-rows</c>).</summary>
    public bool DropBadRows { get; init; }

    /// <summary>Where Fashion-MNIST's files are (<c>--data</c>); null for the default place.</summary>
    public string? DataDirectory { get; init; }

    /// <summary>Fraction of the (training) data held out for validation (<c>--validation</c>).</summary>
    public double ValidationFraction { get; init; } = DefaultValidationFraction;

    /// <summary>Fraction held out for testing when the data set has no test part (<c>--test</c>).</summary>
    public double TestFraction { get; init; } = DefaultTestFraction;

    /// <summary>The seed of the split (and of training).</summary>
    public int Seed { get; init; }

    /// <summary>Reads the data source and the split options (<c>--label-column</c>, <c>--header</c>, <c>--data</c>, <c>--validation</c>, <c>--test</c>, <c>--seed</c>).</summary>
    /// <param name="dataset">The positional argument: a data-set name or a CSV path.</param>
    /// <param name="args">The command line.</param>
    /// <returns>The request.</returns>
    /// <exception cref="CliException">An unknown name or a value out of range.</exception>
    public static DataRequest Parse(string dataset, CliArgs args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var request = FromName(dataset);
        int label = args.Int("label-column", -1);
        TrainOptions.Require(label >= -1, "label-column", $"must be a 0-based column or -1 (the last), got {label}");
        double validation = args.Double("validation", DefaultValidationFraction);
        TrainOptions.Require(validation >= 0 && validation < 1, "validation", $"must be in [0, 1), got {TrainOptions.Num(validation)}");
        double test = args.Double("test", DefaultTestFraction);
        TrainOptions.Require(test > 0 && test < 1 && validation + test < 1, "test", $"must be in (0, 1) with --validation + --test below 1, got {TrainOptions.Num(test)}");
        var directory = args.String("data");
        TrainOptions.Require(directory is null || request.Kind == "fashion-mnist", "data",
            $"applies to fashion-mnist only ('{dataset}' is {(request.Kind == "csv" ? "a CSV file, named by the path itself" : "shipped with MiniDL or generated")})");
        return request with
        {
            LabelColumn = label,
            Header = args.Flag("header"),
            DropBadRows = args.Flag("drop-bad-rows"),
            DataDirectory = directory,
            ValidationFraction = validation,
            TestFraction = test,
            Seed = args.Int("seed", 0),
        };
    }

    /// <summary>The request for a data-set name or CSV path, with the default split.</summary>
    /// <param name="dataset">A name of <see cref="DatasetDefaults.Names"/>, or a path to a .csv (or .csv.gz) file.</param>
    /// <returns>The request.</returns>
    /// <exception cref="CliException">Neither a known name nor something that looks like a file.</exception>
    public static DataRequest FromName(string dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        if (DatasetDefaults.Names.Contains(dataset))
        {
            return new DataRequest { Kind = dataset, Name = dataset };
        }

        bool looksLikeFile = dataset.Contains('/') || dataset.Contains('\\') || dataset.Contains('.') || File.Exists(dataset);
        if (!looksLikeFile)
        {
            var guess = CommandHelp.Closest(dataset, DatasetDefaults.Names);
            throw new CliException($"unknown data set '{dataset}'{(guess is null ? "" : $"; did you mean '{guess}'?")} (use {string.Join(", ", DatasetDefaults.Names)} or a path to a CSV file).");
        }

        var name = Path.GetFileName(dataset);
        foreach (var extension in new[] { ".gz", ".csv", ".txt" })
        {
            if (name.EndsWith(extension, StringComparison.OrdinalIgnoreCase) && name.Length > extension.Length)
            {
                name = name[..^extension.Length];
            }
        }

        return new DataRequest { Kind = "csv", Name = name, CsvPath = dataset };
    }

    /// <summary>The request as checkpoint metadata strings (keys "data.*").</summary>
    /// <param name="metadata">Where to add them.</param>
    public void WriteMetadata(IDictionary<string, string> metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        metadata["data.kind"] = Kind;
        metadata["data.name"] = Name;
        if (CsvPath is not null)
        {
            metadata["data.csv_path"] = CsvPath;
        }

        metadata["data.label_column"] = LabelColumn.ToString(CultureInfo.InvariantCulture);
        metadata["data.header"] = Header ? "true" : "false";
        metadata["data.drop_bad_rows"] = DropBadRows ? "true" : "false";
        metadata["data.validation_fraction"] = TrainOptions.Num(ValidationFraction);
        metadata["data.test_fraction"] = TrainOptions.Num(TestFraction);
        metadata["data.seed"] = Seed.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// The request a checkpoint was trained with, for the data set named on <c>minidl eval</c>'s command line
    /// (same split fractions, seed and CSV layout).
    /// </summary>
    /// <param name="metadata">The checkpoint's metadata.</param>
    /// <param name="dataset">The data set or CSV path to score.</param>
    /// <param name="dataDirectory">Fashion-MNIST's folder, or null.</param>
    /// <returns>The request.</returns>
    /// <exception cref="InvalidDataException">A metadata entry is missing or malformed.</exception>
    public static DataRequest FromMetadata(IReadOnlyDictionary<string, string> metadata, string dataset, string? dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        return FromName(dataset) with
        {
            LabelColumn = CheckpointMetadata.Int(metadata, "data.label_column"),
            Header = CheckpointMetadata.Get(metadata, "data.header") == "true",
            DropBadRows = metadata.TryGetValue("data.drop_bad_rows", out var drop) && drop == "true",
            DataDirectory = dataDirectory,
            ValidationFraction = CheckpointMetadata.Double(metadata, "data.validation_fraction"),
            TestFraction = CheckpointMetadata.Double(metadata, "data.test_fraction"),
            Seed = CheckpointMetadata.Int(metadata, "data.seed"),
        };
    }
}
