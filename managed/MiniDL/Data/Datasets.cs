using System.IO.Compression;

namespace MiniDL.Data;

/// <summary>
/// The named data sets: the lectures' own small examples, two small real data sets shipped inside
/// MiniDL (digits, iris), Fashion-MNIST from its Debian package, and two synthetic toys.
/// </summary>
/// <remarks>
/// Sources and licences of the shipped files are in <c>managed/MiniDL/Datasets/ATTRIBUTION.md</c>.
/// Synthetic sets are seeded, so the same seed gives the same data.
/// </remarks>
public static class Datasets
{
    /// <summary>Where Debian's <c>dataset-fashion-mnist</c> package installs its files.</summary>
    public const string DefaultFashionMnistDirectory = "/usr/share/datasets/fashion-mnist/";

    /// <summary>The four Fashion-MNIST files: train images, train labels, test images, test labels.</summary>
    public static IReadOnlyList<string> FashionMnistFiles { get; } =
    [
        "train-images-idx3-ubyte.gz",
        "train-labels-idx1-ubyte.gz",
        "t10k-images-idx3-ubyte.gz",
        "t10k-labels-idx1-ubyte.gz",
    ];

    /// <summary>The ten Fashion-MNIST class names, indexed by label.</summary>
    public static IReadOnlyList<string> FashionMnistClassNames { get; } =
        ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

    /// <summary>
    /// Handwritten digits (UCI "optdigits" test set): 1797 grey 8×8 images, pixel values 0..16 (not scaled),
    /// 10 classes "0".."9". Shipped inside MiniDL.
    /// </summary>
    /// <returns>The data set, with <see cref="Dataset.ImageShape"/> = (8, 8).</returns>
    /// <remarks>Scale the pixels (divide by 16, or use <see cref="Standardizer"/>) before training.</remarks>
    public static Dataset Digits()
    {
        using var stream = OpenResource("digits.csv.gz");
        using var reader = new StreamReader(new GZipStream(stream, CompressionMode.Decompress));
        var classes = Enumerable.Range(0, 10).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var loaded = CsvLoader.Load(reader, "digits.csv.gz (embedded)", classNames: classes, name: "digits");
        return new Dataset("digits", loaded.Features, loaded.FeatureCount, loaded.Labels, classes, (8, 8));
    }

    /// <summary>
    /// Fisher's Iris: 150 flowers, 4 measurements in cm (sepal length, sepal width, petal length, petal width),
    /// 3 species (setosa, versicolor, virginica), 50 each. Shipped inside MiniDL.
    /// </summary>
    /// <returns>The data set.</returns>
    /// <exception cref="InvalidDataException">The embedded file's first line is not "count,features,class names…" or disagrees with the rows.</exception>
    public static Dataset Iris()
    {
        using var stream = OpenResource("iris.csv");
        using var reader = new StreamReader(stream);
        string header = reader.ReadLine() ?? throw new InvalidDataException("Datasets.Iris: iris.csv (embedded) is empty.");
        var parts = header.Split(',');
        if (parts.Length < 3 || !int.TryParse(parts[0], out int count) || !int.TryParse(parts[1], out int features))
        {
            throw new InvalidDataException($"Datasets.Iris: iris.csv (embedded), line 1: expected 'count,features,class names…', got '{header}'.");
        }

        var loaded = CsvLoader.Load(reader, "iris.csv (embedded)", classNames: parts[2..], name: "iris");
        if (loaded.Count != count || loaded.FeatureCount != features)
        {
            throw new InvalidDataException(
                $"Datasets.Iris: iris.csv (embedded) announces {count} × {features} but holds {loaded.Count} × {loaded.FeatureCount}.");
        }

        return loaded;
    }

    /// <summary>Checks that the four Fashion-MNIST files are there, without reading them.</summary>
    /// <param name="dataDirectory">The directory, or null for <see cref="DefaultFashionMnistDirectory"/>.</param>
    /// <returns>The directory.</returns>
    /// <exception cref="DatasetNotFoundException">A file is missing; the message says how to get the files.</exception>
    public static string RequireFashionMnist(string? dataDirectory = null)
    {
        string directory = dataDirectory ?? DefaultFashionMnistDirectory;
        var missing = FashionMnistFiles.Where(f => !File.Exists(Path.Combine(directory, f))).ToArray();
        if (missing.Length > 0)
        {
            throw new DatasetNotFoundException(
                "Fashion-MNIST",
                directory,
                missing,
                $"Install it with \"sudo apt-get install dataset-fashion-mnist\" (files go to {DefaultFashionMnistDirectory}), "
                + $"or pass --data DIR naming a directory that contains the 4 files {string.Join(", ", FashionMnistFiles)}.");
        }

        return directory;
    }

    /// <summary>
    /// Fashion-MNIST (Zalando Research, MIT licence): 60,000 training and 10,000 test grey 28×28 images of
    /// clothing in 10 classes (<see cref="FashionMnistClassNames"/>), pixels scaled to [0, 1].
    /// </summary>
    /// <param name="dataDirectory">
    /// A directory holding the four gzip'd IDX files (<see cref="FashionMnistFiles"/>); by default
    /// <see cref="DefaultFashionMnistDirectory"/>, where Debian's <c>dataset-fashion-mnist</c> package puts them.
    /// </param>
    /// <returns>The training and test sets, with <see cref="Dataset.ImageShape"/> = (28, 28).</returns>
    /// <exception cref="DatasetNotFoundException">A file is missing; the message says how to get the files.</exception>
    /// <exception cref="InvalidDataException">A file is not valid IDX.</exception>
    public static (Dataset Train, Dataset Test) FashionMnist(string? dataDirectory = null)
    {
        string directory = RequireFashionMnist(dataDirectory);
        var train = IdxLoader.LoadDataset(
            Path.Combine(directory, FashionMnistFiles[0]), Path.Combine(directory, FashionMnistFiles[1]), "fashion-mnist-train", FashionMnistClassNames);
        var test = IdxLoader.LoadDataset(
            Path.Combine(directory, FashionMnistFiles[2]), Path.Combine(directory, FashionMnistFiles[3]), "fashion-mnist-test", FashionMnistClassNames);
        if (train.ImageShape != test.ImageShape)
        {
            throw new InvalidDataException(
                $"Fashion-MNIST: {Path.Combine(directory, FashionMnistFiles[0])} holds {train.ImageShape?.Height} × {train.ImageShape?.Width} images but {Path.Combine(directory, FashionMnistFiles[2])} holds {test.ImageShape?.Height} × {test.ImageShape?.Width}; train and test images must have the same size.");
        }

        return (train, test);
    }

    /// <summary>The house-price regression example of lesson 7: area → price.</summary>
    /// <returns>4 samples, 1 feature (area), target price: 2104→400, 1600→330, 2400→369, 1416→232.</returns>
    /// <remarks>Lesson 7 "Neural Network", "Nhắc lại về bài toán dự đoán": the table Area − x, Price − y, "Đây là bài toán regression".</remarks>
    public static Dataset HousePrices() =>
        Dataset.ForRegression("house-prices", [2104, 1600, 2400, 1416], 1, [400, 330, 369, 232]);

    /// <summary>The spam classification example of lesson 7: number of "sale" words in an email → spam or not.</summary>
    /// <returns>4 samples, 1 feature: 10→spam, 12→spam, 2→not spam, 6→not spam (label 1 = spam).</returns>
    /// <remarks>Lesson 7 "Neural Network", "Nhắc lại về bài toán dự đoán": the count of "sale" (“giảm giá”) in an email → spam or not, "Đây là bài toán classification".</remarks>
    public static Dataset Spam() =>
        new("spam", [10, 12, 2, 6], 1, [1, 1, 0, 0], ["not spam", "spam"]);

    /// <summary>XOR: the four points of <c>{0,1}²</c>, label <c>x1 XOR x2</c>.</summary>
    /// <returns>(0,0)→0, (0,1)→1, (1,0)→1, (1,1)→0.</returns>
    /// <remarks>
    /// Lesson 7 "Neural Network", XOR: not linearly separable, so no linear
    /// classifier fits it, but one hidden layer solves it.
    /// </remarks>
    public static Dataset Xor() =>
        new("xor", [0, 0, 0, 1, 1, 0, 1, 1], 2, [0, 1, 1, 0], ["0", "1"]);

    /// <summary>The example function behind <see cref="Bumps"/>: <c>y = 0.2 + 0.4x² + 0.3x·sin(15x) + 0.05·cos(50x)</c>.</summary>
    /// <param name="x">The input, meant to be in [0, 1].</param>
    /// <returns>The function value.</returns>
    public static double BumpsFunction(double x) =>
        0.2 + 0.4 * x * x + 0.3 * x * Math.Sin(15 * x) + 0.05 * Math.Cos(50 * x);

    /// <summary>
    /// A 1-D function-approximation set: <paramref name="n"/> points <c>x</c> drawn uniformly in [0, 1]
    /// (then sorted), target <c>y = </c><see cref="BumpsFunction"/><c>(x)</c>, no noise.
    /// </summary>
    /// <param name="n">Number of points, at least 1.</param>
    /// <param name="seed">The seed.</param>
    /// <returns>A regression set with 1 feature.</returns>
    /// <remarks>
    /// Lesson 7 "Neural Network", "one hidden layer can approximate any function
    /// (visual proof in 1-D)": a pair of sigmoid hidden units makes one "bump", and a sum of bumps can follow
    /// any function. The function here is only an example, a wiggly curve of our choosing
    /// (<c>0.2 + 0.4x² + 0.3x·sin(15x) + 0.05·cos(50x)</c>); the lecture does not give one.
    /// </remarks>
    /// <exception cref="ArgumentException"><paramref name="n"/> is below 1.</exception>
    public static Dataset Bumps(int n = 200, int seed = 0)
    {
        if (n < 1)
        {
            throw new ArgumentException($"Datasets.Bumps: n must be at least 1, got {n}.", nameof(n));
        }

        var random = new Random(seed);
        var x = new double[n];
        for (int i = 0; i < n; i++)
        {
            x[i] = random.NextDouble();
        }

        Array.Sort(x);
        var y = x.Select(BumpsFunction).ToArray();
        return Dataset.ForRegression("bumps", x, 1, y);
    }

    /// <summary>
    /// The spiral toy (as in Stanford cs231n): <paramref name="classes"/> interleaved spiral arms in the
    /// plane, <paramref name="pointsPerClass"/> noisy points each; not linearly separable.
    /// </summary>
    /// <param name="pointsPerClass">Points per arm, at least 1.</param>
    /// <param name="classes">Number of arms (classes), at least 2.</param>
    /// <param name="seed">The seed for the angle noise.</param>
    /// <param name="noise">Standard deviation of the Gaussian noise added to the angle (0.2 by default).</param>
    /// <returns>2 features (x, y) in about [−1, 1]; samples ordered by class.</returns>
    /// <remarks>
    /// Point <c>i</c> of arm <c>k</c>: radius <c>r = i / (N − 1)</c>, angle
    /// <c>t = 4k + 4 i / (N − 1) + noise · 𝒩(0, 1)</c>, position <c>(r sin t, r cos t)</c>.
    /// </remarks>
    /// <exception cref="ArgumentException">A count is out of range or the noise is negative.</exception>
    public static Dataset Spiral(int pointsPerClass = 100, int classes = 3, int seed = 0, double noise = 0.2)
    {
        if (pointsPerClass < 1 || classes < 2 || !(noise >= 0))
        {
            throw new ArgumentException(
                $"Datasets.Spiral: needs pointsPerClass ≥ 1, classes ≥ 2 and noise ≥ 0, got {pointsPerClass}, {classes}, {noise}.");
        }

        var random = new Random(seed);
        int n = pointsPerClass * classes;
        var features = new double[n * 2];
        var labels = new int[n];
        double last = Math.Max(pointsPerClass - 1, 1);
        for (int k = 0; k < classes; k++)
        {
            for (int i = 0; i < pointsPerClass; i++)
            {
                int row = k * pointsPerClass + i;
                double r = i / last;
                double t = 4.0 * k + 4.0 * i / last + noise * Gaussian(random);
                features[2 * row] = r * Math.Sin(t);
                features[2 * row + 1] = r * Math.Cos(t);
                labels[row] = k;
            }
        }

        var names = Enumerable.Range(0, classes).Select(k => k.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        return new Dataset("spiral", features, 2, labels, names);
    }

    /// <summary>A standard normal draw by the Box–Muller transform.</summary>
    private static double Gaussian(Random random)
    {
        double u1 = 1.0 - random.NextDouble();
        double u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    private static Stream OpenResource(string fileName)
    {
        string resource = "MiniDL.Datasets." + fileName;
        return typeof(Datasets).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Datasets: embedded resource '{resource}' is missing from MiniDL.dll (see MiniDL.csproj).");
    }
}
