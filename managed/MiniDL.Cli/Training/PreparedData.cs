namespace MiniDL.Cli.Training;

/// <summary>
/// The training, validation and test parts of a data set, preprocessed, plus the preprocessing used.
/// </summary>
/// <param name="Train">Training part (with the augmented copy when asked).</param>
/// <param name="Validation">Validation part (may be empty).</param>
/// <param name="Test">Test part.</param>
/// <param name="Preprocessing">How the features were transformed.</param>
/// <remarks>
/// Splits: digits, iris, spiral and CSV files are shuffled with the seed and cut into train / validation / test
/// (<see cref="Splits.TrainValidationTest"/>); Fashion-MNIST keeps its own 10,000 test images and the validation part
/// is carved from its 60,000 training images; XOR's four points are train, validation and test at once (there is
/// nothing to hold out: the question is only whether the model can fit them).
/// </remarks>
public sealed record PreparedData(Dataset Train, Dataset Validation, Dataset Test, Preprocessing Preprocessing)
{
    /// <summary>Loads, splits and preprocesses the data of <paramref name="request"/>.</summary>
    /// <param name="request">What to load.</param>
    /// <param name="preprocessing">The preprocessing to apply (evaluation: the checkpoint's); null to fit it on the training part.</param>
    /// <param name="augment">Whether to append a seeded augmented copy of the training images.</param>
    /// <returns>The parts.</returns>
    /// <exception cref="DatasetNotFoundException">Fashion-MNIST's files are missing.</exception>
    /// <exception cref="FileNotFoundException">The CSV file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is malformed.</exception>
    public static PreparedData Load(DataRequest request, Preprocessing? preprocessing = null, bool augment = false)
    {
        ArgumentNullException.ThrowIfNull(request);
        Dataset train, validation, test;
        Preprocessing fitted;
        var dropped = new List<string>();
        switch (request.Kind)
        {
            case "fashion-mnist":
            {
                var (fullTrain, ownTest) = Datasets.FashionMnist(request.DataDirectory);
                var order = Splits.Shuffle(fullTrain.Count, request.Seed);
                int validationCount = (int)Math.Round(fullTrain.Count * request.ValidationFraction, MidpointRounding.AwayFromZero);
                validation = fullTrain.Subset(order[..validationCount]);
                train = fullTrain.Subset(order[validationCount..]);
                test = ownTest;
                fitted = Preprocessing.Scale(1); // IdxLoader already scaled the pixels to [0, 1]
                break;
            }

            case "xor":
            {
                var all = Datasets.Xor();
                (train, validation, test) = (all, all, all);
                fitted = Preprocessing.Standardize(train);
                break;
            }

            default:
            {
                var full = request.Kind switch
                {
                    "digits" => Datasets.Digits(),
                    "iris" => Datasets.Iris(),
                    "spiral" => Datasets.Spiral(),
                    _ => LoadCsv(request, dropped),
                };
                CheckSplitSizes(full, request);
                var split = Splits.TrainValidationTest(full, request.ValidationFraction, request.TestFraction, request.Seed);
                (train, validation, test) = (split.Train, split.Validation, split.Test);
                fitted = request.Kind == "digits" ? Preprocessing.Scale(16) : Preprocessing.Standardize(train);
                break;
            }
        }

        var used = preprocessing ?? fitted;
        train = used.Apply(train);
        if (augment)
        {
            train = WithAugmentedCopy(train, request.Kind, request.Seed);
        }

        var prepared = new PreparedData(train, used.Apply(validation), used.Apply(test), used) { DroppedRows = dropped };
        prepared.Check(request);
        return prepared;
    }

    /// <summary>The CSV rows <c>--drop-bad-rows</c> left out, each as "line L, column C: problem" (empty otherwise).</summary>
    public IReadOnlyList<string> DroppedRows { get; init; } = [];

    /// <summary>
    /// Checks what training and evaluation need before any work starts: the test part is not empty, train and test
    /// have the same number of features, and every preprocessed feature is a finite number.
    /// </summary>
    /// <param name="request">The request (for the messages).</param>
    /// <exception cref="InvalidDataException">A check fails; the message names the data and the problem.</exception>
    public void Check(DataRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var source = request.CsvPath ?? request.Name;
        if (Test.Count == 0)
        {
            throw new InvalidDataException($"{source}: the test part is empty, so there would be nothing to score (use more samples or a larger --test).");
        }

        if (Train.FeatureCount != Test.FeatureCount || Train.ImageShape != Test.ImageShape)
        {
            throw new InvalidDataException(
                $"{source}: training samples have {Train.FeatureCount} features but test samples have {Test.FeatureCount}; they must agree.");
        }

        foreach (var (part, data) in new[] { ("training", Train), ("validation", Validation), ("test", Test) })
        {
            var x = data.Features;
            for (int i = 0; i < x.Length; i++)
            {
                if (!double.IsFinite(x[i]))
                {
                    throw new InvalidDataException(
                        $"{source}: feature {i % data.FeatureCount + 1} of {part} sample {i / data.FeatureCount + 1} is {x[i]} after preprocessing ({Preprocessing.Kind}); the raw values are too large to standardize.");
                }
            }
        }
    }

    /// <summary>
    /// Checks what training a classifier needs: at least 2 classes, and at least 2 of them present in the training
    /// part (with one class there is nothing to separate).
    /// </summary>
    /// <param name="request">The request (for the messages).</param>
    /// <exception cref="InvalidDataException">Fewer than 2 classes.</exception>
    public void CheckTrainable(DataRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var source = request.CsvPath ?? request.Name;
        int present = Train.Labels.Distinct().Count();
        if (Train.ClassCount < 2 || present < 2)
        {
            var only = Train.Labels.Length > 0 ? Train.Labels[0].ToString(System.Globalization.CultureInfo.InvariantCulture) : "none";
            throw new InvalidDataException(
                $"{source}: the training part holds only one class (label {only}); a classifier needs at least 2 classes.");
        }
    }

    private static void CheckSplitSizes(Dataset full, DataRequest request)
    {
        var source = request.CsvPath ?? request.Name;
        int n = full.Count;
        int testCount = (int)Math.Round(n * request.TestFraction, MidpointRounding.AwayFromZero);
        int validationCount = (int)Math.Round(n * request.ValidationFraction, MidpointRounding.AwayFromZero);
        if (testCount < 1)
        {
            throw new InvalidDataException(
                $"{source}: {n} sample(s) × --test {TrainOptions.Num(request.TestFraction)} leaves an empty test split; use more samples or a larger --test.");
        }

        if (n - testCount - validationCount < 1)
        {
            throw new InvalidDataException(
                $"{source}: {n} sample(s) minus {testCount} test and {validationCount} validation leaves none for training; use more samples or smaller --test / --validation.");
        }
    }

    /// <summary>
    /// The training images followed by one seeded augmented copy of each (Day 01, data augmentation): digits are shifted
    /// by up to one pixel (a mirrored digit is not a digit), Fashion-MNIST images by up to two pixels and mirrored with
    /// probability ½.
    /// </summary>
    /// <param name="train">Preprocessed training images.</param>
    /// <param name="kind">The data-set kind.</param>
    /// <param name="seed">The seed.</param>
    /// <returns>Twice as many samples.</returns>
    public static Dataset WithAugmentedCopy(Dataset train, string kind, int seed)
    {
        ArgumentNullException.ThrowIfNull(train);
        var copy = kind == "fashion-mnist"
            ? Augmentation.Augment(train, maxShift: 2, flipProbability: 0.5, seed)
            : Augmentation.Augment(train, maxShift: 1, flipProbability: 0, seed);
        var features = new double[train.Features.Length * 2];
        train.Features.CopyTo(features, 0);
        copy.Features.CopyTo(features, train.Features.Length);
        return new Dataset(train.Name, features, train.FeatureCount, [.. train.Labels, .. copy.Labels], train.ClassNames, train.ImageShape);
    }

    private static Dataset LoadCsv(DataRequest request, List<string> dropped)
    {
        var path = request.CsvPath!;
        if (Directory.Exists(path))
        {
            throw new InvalidDataException($"data file '{path}' is a folder, not a CSV file.");
        }

        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"data file '{path}' does not exist (give a CSV file: one sample per line, the label in the last column unless --label-column N).", path);
        }

        try
        {
            return CsvLoader.Load(path, request.Header, request.LabelColumn, name: request.Name, droppedRows: request.DropBadRows ? dropped : null);
        }
        catch (ArgumentException e) when (e.ParamName == "column")
        {
            throw new CliException($"--label-column {request.LabelColumn}: {e.Message.Replace(" (Parameter 'column')", "", StringComparison.Ordinal)}");
        }
    }
}
