using System.Globalization;
using System.Text;
using MiniDL.Checkpoints;
using MiniDL.Cli;
using MiniDL.Tests.Data;
using MiniDL.Tests.TestSupport;

namespace MiniDL.Tests.Cli;

/// <summary>
/// The bad-input corpus of issue 12 as named regression cases: each input, run as written, gives one error line
/// (no stack trace) and the stated exit code: 1 for bad data, 2 for bad usage. docs/reliability.md lists them.
/// </summary>
[TestFixture]
public class BadInputTests : CliTestBase
{
    private static void AssertOneLineError((int Exit, string Stdout, string Stderr) run, int exit, params string[] contains)
    {
        var lines = run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Multiple(() =>
        {
            Assert.That(run.Exit, Is.EqualTo(exit), run.Stderr);
            Assert.That(lines, Has.Length.EqualTo(1), run.Stderr);
            Assert.That(run.Stderr, Does.Not.Contain("   at "), "no stack trace");
            foreach (var text in contains)
            {
                Assert.That(run.Stderr, Does.Contain(text));
            }
        });
    }

    private string Csv(string name, string text)
    {
        Directory.CreateDirectory(Dir);
        var path = Path.Combine(Dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static string Blobs(int rows, Func<int, string>? row = null)
    {
        var text = new StringBuilder();
        var random = new Random(1);
        for (int i = 0; i < rows; i++)
        {
            int label = i % 2;
            text.Append(row?.Invoke(i) ?? string.Create(CultureInfo.InvariantCulture, $"{label * 3 + random.NextDouble():R},{label * 3 + random.NextDouble():R},{label}")).Append('\n');
        }

        return text.ToString();
    }

    private string Out => Path.Combine(Dir, "run");

    private string TrainXorCheckpoint()
    {
        var run = Run("train", "xor", "--epochs", "1", "--backend", "reference", "--out", Out, "--json");
        Assert.That(run.Exit, Is.EqualTo(0), run.Stderr);
        return Path.Combine(Out, "model.safetensors");
    }

    private static void Rewrite(string checkpoint, Func<List<NamedArray>, List<NamedArray>>? tensors = null, Action<Dictionary<string, string>>? metadata = null)
    {
        var content = SafeTensors.Load(checkpoint);
        var meta = new Dictionary<string, string>(content.Metadata);
        metadata?.Invoke(meta);
        SafeTensors.Save(checkpoint, tensors?.Invoke([.. content.Tensors]) ?? [.. content.Tensors], meta);
    }

    // 1. Sizes in checked arithmetic against a stated limit, with the memory in the message.
    [Test]
    public void Case01a_HiddenTenBillionWeights_ExitsTwoWithMemory()
        => AssertOneLineError(Run("train", "xor", "--hidden", "100000,100000", "--epochs", "1", "--backend", "reference", "--out", Out), 2, "--hidden 100000,100000", "100000 × 100000", "GiB");

    [Test]
    public void Case01b_HiddenTwoBillion_ExitsTwo()
        => AssertOneLineError(Run("train", "xor", "--hidden", "2000000000", "--backend", "reference", "--out", Out), 2, "2000000000", "GiB");

    [Test]
    public void Case01c_CsvLabelFiftyMillion_ExitsOneNamingLineAndColumn()
        => AssertOneLineError(Run("train", Csv("big.csv", Blobs(20) + "1,2,50000000\n"), "--backend", "reference", "--out", Out), 1, "big.csv", "line 21, column 3", "50000000");

    [Test]
    public void Case01d_CheckpointSizesTwoBillion_ExitsOne()
    {
        var checkpoint = TrainXorCheckpoint();
        Rewrite(checkpoint, metadata: m => m["model.sizes"] = "2,2000000000,2");
        AssertOneLineError(Run("eval", checkpoint, "--backend", "reference"), 1, "model.sizes", "2000000000", "GiB");
    }

    [Test]
    public void Case01e_CheckpointSizesOfTheReport_ExitsOne()
    {
        var checkpoint = TrainXorCheckpoint();
        Rewrite(checkpoint, metadata: m => m["model.sizes"] = "64,2000000000,10");
        AssertOneLineError(Run("eval", checkpoint, "--backend", "reference"), 1, "model.sizes", "2000000000", "GiB");
    }

    // 3. Crashes after training: now rejected before it.
    [Test]
    public void Case03a_SingleClassCsv_ExitsOneBeforeTraining()
    {
        AssertOneLineError(Run("train", Csv("one.csv", Blobs(20, i => $"{i},{i * 2},1")), "--backend", "reference", "--out", Out), 1, "one.csv", "only one class");
        Assert.That(Directory.Exists(Out), Is.False, "nothing written");
    }

    [Test]
    public void Case03b_TestImagesSmallerThanTrainImages_ExitsOneNamingBothFiles()
    {
        var data = Path.Combine(Dir, "fashion");
        FakeFashionMnist(data, trainSide: 28, testSide: 14);
        AssertOneLineError(Run("train", "fashion-mnist", "--data", data, "--epochs", "1", "--backend", "reference", "--out", Out), 1, "28 × 28", "14 × 14", "t10k-images");
    }

    [Test]
    public void Case03c_OutIsAFile_ExitsTwo()
    {
        var file = Csv("taken", "x");
        AssertOneLineError(Run("train", "xor", "--epochs", "1", "--backend", "reference", "--out", file), 2, "is a file");
    }

    [Test]
    public void Case03d_CheckpointPathIsAFolder_ExitsTwo()
    {
        Directory.CreateDirectory(Path.Combine(Out, "model.safetensors"));
        AssertOneLineError(Run("train", "xor", "--epochs", "1", "--backend", "reference", "--out", Out), 2, "model.safetensors", "is a folder");
    }

    // 4. Crashes before training.
    [Test]
    public void Case04a_LabelColumn99_ExitsTwo()
        => AssertOneLineError(Run("train", Csv("b.csv", Blobs(20)), "--label-column", "99", "--backend", "reference", "--out", Out), 2, "--label-column 99", "outside 0..2");

    [Test]
    public void Case04b_LabelIntMax_ExitsOne()
        => AssertOneLineError(Run("train", Csv("max.csv", Blobs(20) + "1,2,2147483647\n"), "--backend", "reference", "--out", Out), 1, "2147483647", "line 21");

    [Test]
    public void Case04c_IdxWithZeroImages_ExitsOne()
    {
        var data = Path.Combine(Dir, "fashion");
        FakeFashionMnist(data, trainSide: 28, testSide: 28, trainCount: 0);
        AssertOneLineError(Run("train", "fashion-mnist", "--data", data, "--epochs", "1", "--backend", "reference", "--out", Out), 1, "0 images");
    }

    [Test]
    public void Case04d_IdxDimensionsWhoseProductWraps_ExitsOneWithoutAWrappedCount()
    {
        var data = Path.Combine(Dir, "fashion");
        FakeFashionMnist(data, trainSide: 28, testSide: 28);
        File.WriteAllBytes(Path.Combine(data, "train-images-idx3-ubyte.gz"), IdxLoaderTests.Gzip(IdxLoaderTests.Idx(0x803, [1 << 21, 1 << 21, 1 << 22], [1, 2, 3])));
        var run = Run("train", "fashion-mnist", "--data", data, "--epochs", "1", "--backend", "reference", "--out", Out);
        AssertOneLineError(run, 1, "2097152 × 2097152 × 4194304", "more than");
        Assert.That(run.Stderr, Does.Not.Contain("need 0 "));
    }

    [Test]
    public void Case04e_GzipBomb_StopsAtTheStatedSizeQuickly()
    {
        var data = Path.Combine(Dir, "fashion");
        FakeFashionMnist(data, trainSide: 28, testSide: 28);
        var bomb = new byte[16 + 300 * 28 * 28 + 64 * 1024 * 1024];
        IdxLoaderTests.Idx(0x803, [300, 28, 28], []).CopyTo(bomb, 0);
        File.WriteAllBytes(Path.Combine(data, "train-images-idx3-ubyte.gz"), IdxLoaderTests.Gzip(bomb));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        long before = GC.GetAllocatedBytesForCurrentThread();
        var run = Run("train", "fashion-mnist", "--data", data, "--epochs", "1", "--backend", "reference", "--out", Out);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        AssertOneLineError(run, 1, "trailing");
        Assert.That(clock.Elapsed.TotalSeconds, Is.LessThan(5));
        Assert.That(allocated, Is.LessThan(32L * 1024 * 1024), "decompression stops at the stated size");
    }

    // 5. Non-finite and huge features.
    [TestCase("NaN")]
    [TestCase("Infinity")]
    [TestCase("1e400")]
    public void Case05a_NonFiniteCell_ExitsOneNamingLineAndColumn(string cell)
        => AssertOneLineError(Run("train", Csv("bad.csv", Blobs(30, i => i == 7 ? $"{cell},1,0" : null!)), "--backend", "reference", "--out", Out), 1, "line 8, column 1", cell, "not a finite number");

    [Test]
    public void Case05b_NonFiniteCellWithDropBadRows_TrainsAndNamesTheRow()
    {
        var run = Run("train", Csv("bad.csv", Blobs(30, i => i == 7 ? "NaN,1,0" : null!)), "--drop-bad-rows", "--epochs", "2", "--backend", "reference", "--out", Out);
        Assert.That(run.Exit, Is.EqualTo(0), run.Stderr);
        Assert.That(run.Stdout, Does.Contain("left out 1 row(s): line 8, column 1"));
    }

    [Test]
    public void Case05c_FeaturesNear1e200_StandardizeToFiniteValues()
    {
        var run = Run("train", Csv("huge.csv", Blobs(40, i => string.Create(CultureInfo.InvariantCulture, $"{(i % 2 == 0 ? 1e200 : 3e200) * (1 + i * 1e-3):R},{i % 3},{i % 2}"))), "--epochs", "100", "--lr", "0.1", "--backend", "reference", "--out", Out, "--json");
        Assert.That(run.Exit, Is.EqualTo(0), run.Stderr);
        using var json = System.Text.Json.JsonDocument.Parse(run.Stdout);
        Assert.That(json.RootElement.GetProperty("testAccuracy").GetDouble(), Is.GreaterThan(0.5), "the separating feature survived standardization");
    }

    // 6. Checkpoints: every shape, non-finite weights and unexpected tensors.
    [Test]
    public void Case06a_TransposedWeight_ExitsOneNamingTheTensor()
    {
        var checkpoint = TrainXorCheckpoint();
        Rewrite(checkpoint, tensors: t => t.Select(a => a.Name == "0.W" ? a with { Shape = [a.Shape[1], a.Shape[0]] } : a).ToList());
        var w = SafeTensors.Load(checkpoint).Tensors.Single(a => a.Name == "0.W");
        Assume.That(w.Shape[0], Is.Not.EqualTo(w.Shape[1]), "xor's first layer is not square");
        AssertOneLineError(Run("eval", checkpoint, "--backend", "reference"), 1, "'0.W'", "shape");
    }

    [Test]
    public void Case06b_ExtraDimension_ExitsOne()
    {
        var checkpoint = TrainXorCheckpoint();
        Rewrite(checkpoint, tensors: t => t.Select(a => a.Name == "0.W" ? a with { Shape = [.. a.Shape, 1] } : a).ToList());
        AssertOneLineError(Run("eval", checkpoint, "--backend", "reference"), 1, "'0.W'", ", 1]");
    }

    [Test]
    public void Case06c_NaNWeight_ExitsOne()
    {
        var checkpoint = TrainXorCheckpoint();
        Rewrite(checkpoint, tensors: t => t.Select(a => a.Name == "0.W" ? a with { Data = [double.NaN, .. a.Data[1..]] } : a).ToList());
        AssertOneLineError(Run("eval", checkpoint, "--backend", "reference"), 1, "'0.W'", "NaN");
    }

    [Test]
    public void Case06d_UnexpectedTensor_ExitsOne()
    {
        var checkpoint = TrainXorCheckpoint();
        Rewrite(checkpoint, tensors: t => [.. t, new NamedArray("extra.W", [2, 2], [1, 2, 3, 4])]);
        AssertOneLineError(Run("eval", checkpoint, "--backend", "reference"), 1, "'extra.W'", "not part of the model");
    }

    // 7. Empty test split.
    [Test]
    public void Case07a_OneRowCsv_ExitsOne()
        => AssertOneLineError(Run("train", Csv("row.csv", "1,2,0\n"), "--backend", "reference", "--out", Out), 1, "row.csv", "empty test split");

    [Test]
    public void Case07b_CheckpointWithTestFractionZero_ExitsOne()
    {
        var checkpoint = Path.Combine(Out, "model.safetensors");
        Assert.That(Run("train", "iris", "--epochs", "1", "--backend", "reference", "--out", Out).Exit, Is.EqualTo(0));
        Rewrite(checkpoint, metadata: m => m["data.test_fraction"] = "0");
        AssertOneLineError(Run("eval", checkpoint, "--backend", "reference"), 1, "empty test split");
    }

    // 8. Interrupted checkpoint writes: leftovers are found and removed by the next write.
    [Test]
    public void Case08_LeftoversOfAKilledWrite_AreRemovedByTheNextRun()
    {
        Directory.CreateDirectory(Out);
        var tmp = Path.Combine(Out, "model.safetensors.tmp-0123456789abcdef");
        File.WriteAllBytes(tmp, new byte[1024]);
        var staging = Directory.CreateDirectory(Path.Combine(Out, ".minidl-incomplete-dead")).FullName;
        File.WriteAllText(Path.Combine(staging, "metrics.json"), "{}");

        Assert.That(Run("train", "xor", "--epochs", "1", "--backend", "reference", "--out", Out).Exit, Is.EqualTo(0));

        Assert.That(File.Exists(tmp), Is.False);
        Assert.That(Directory.Exists(staging), Is.False);
        Assert.That(Directory.GetFileSystemEntries(Out).Select(Path.GetFileName).Order(), Is.EqualTo(new[] { "accuracy.svg", "confusion.svg", "loss.svg", "metrics.json", "model-graph.svg", "model.safetensors", "report.html" }));
    }

    // 9. Messages.
    [Test]
    public void Case09a_BogusBackendVariable_BlamesTheVariable()
    {
        var saved = Environment.GetEnvironmentVariable("MINIDL_BACKEND");
        try
        {
            Environment.SetEnvironmentVariable("MINIDL_BACKEND", "bogus");
            AssertOneLineError(Run("train", "xor", "--epochs", "1", "--out", Out), 2, "MINIDL_BACKEND", "bogus");
        }
        finally
        {
            Environment.SetEnvironmentVariable("MINIDL_BACKEND", saved);
        }
    }

    [Test]
    public void Case09b_CorruptGzipCsv_NamesTheFile()
    {
        Directory.CreateDirectory(Dir);
        var path = Path.Combine(Dir, "broken.csv.gz");
        var gz = IdxLoaderTests.Gzip(Encoding.UTF8.GetBytes(Blobs(200)));
        for (int i = 20; i < gz.Length - 8; i += 7)
        {
            gz[i] ^= 0x5a;
        }

        File.WriteAllBytes(path, gz);
        AssertOneLineError(Run("train", path, "--backend", "reference", "--out", Out), 1, "broken.csv.gz");
    }

    [Test]
    public void Case09c_OptionGivenTwice_ExitsTwo()
        => AssertOneLineError(Run("train", "xor", "--epochs", "1", "--epochs", "2", "--out", Out), 2, "--epochs is given twice");

    [Test]
    public void Case09d_UnexpectedException_IsOneBugReportLineWithTheType()
    {
        var (exit, message) = Program.Describe(new NullReferenceException("boom\nsecond line"));
        Assert.That(exit, Is.EqualTo(3));
        Assert.That(message, Does.Contain("System.NullReferenceException").And.Contain("report").And.Not.Contain('\n'));
    }

    [TestCase("sgd", "1e6")]
    [TestCase("momentum", "1e3")]
    public void Case02_Diverging_ExitsOneAndKeepsThePreviousCheckpoint(string optimizer, string lr)
    {
        var checkpoint = TrainXorCheckpoint();
        var before = File.ReadAllBytes(checkpoint);
        var run = Run("train", "digits", "--optimizer", optimizer, "--lr", lr, "--epochs", "3", "--out", Out);
        Assert.Multiple(() =>
        {
            Assert.That(run.Exit, Is.EqualTo(1), run.Stderr);
            Assert.That(run.Stderr, Does.Contain("diverged at epoch 1, iteration").And.Contain("lower the learning rate"));
            Assert.That(run.Stderr, Does.Not.Contain("   at "), "no stack trace");
            Assert.That(File.ReadAllBytes(checkpoint), Is.EqualTo(before), "the last finite checkpoint is kept");
        });
    }

    [Test]
    public void Case09e_TrainingDiverged_ExitsOne()
    {
        var (exit, message) = Program.Describe(new MiniDL.Training.TrainingDivergedException(3, 17, double.NaN));
        Assert.That(exit, Is.EqualTo(1));
        Assert.That(message, Does.Contain("epoch 3").And.Contain("NaN"));
    }

    [Test]
    public void DataFolderForAShippedSet_ExitsTwoSayingItIsForFashionMnist()
        => AssertOneLineError(Run("train", "digits", "--data", Path.Combine(Dir, "nowhere"), "--epochs", "1", "--out", Out), 2,
            "--data applies to fashion-mnist only", "'digits'");

    [Test]
    public void GraphOutWithAnImageExtension_ExitsTwoNamingTheExtensionsItWrites()
    {
        var target = Path.Combine(Dir, "x.png");
        AssertOneLineError(Run("graph", "product", "--out", target), 2, ".svg", ".dot");
        Assert.That(File.Exists(target), Is.False, "nothing written");
    }

    /// <summary>Writes the four Fashion-MNIST files with small random images (gzip'd IDX).</summary>
    internal static void FakeFashionMnist(string directory, int trainSide, int testSide, int trainCount = 40, int testCount = 10)
    {
        Directory.CreateDirectory(directory);
        var random = new Random(5);
        byte[] Pixels(int n, int side)
        {
            var p = new byte[n * side * side];
            random.NextBytes(p);
            return p;
        }

        byte[] Labels(int n) => Enumerable.Range(0, n).Select(i => (byte)(i % 10)).ToArray();
        File.WriteAllBytes(Path.Combine(directory, "train-images-idx3-ubyte.gz"), IdxLoaderTests.Gzip(IdxLoaderTests.Idx(0x803, [trainCount, trainSide, trainSide], Pixels(trainCount, trainSide))));
        File.WriteAllBytes(Path.Combine(directory, "train-labels-idx1-ubyte.gz"), IdxLoaderTests.Gzip(IdxLoaderTests.Idx(0x801, [trainCount], Labels(trainCount))));
        File.WriteAllBytes(Path.Combine(directory, "t10k-images-idx3-ubyte.gz"), IdxLoaderTests.Gzip(IdxLoaderTests.Idx(0x803, [testCount, testSide, testSide], Pixels(testCount, testSide))));
        File.WriteAllBytes(Path.Combine(directory, "t10k-labels-idx1-ubyte.gz"), IdxLoaderTests.Gzip(IdxLoaderTests.Idx(0x801, [testCount], Labels(testCount))));
    }
}
