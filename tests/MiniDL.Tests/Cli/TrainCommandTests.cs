using System.Globalization;
using System.Text.Json;
using System.Xml.Linq;

namespace MiniDL.Tests.Cli;

[TestFixture]
public class TrainCommandTests : CliTestBase
{
    [Test]
    public void Run_XorJson_PrintsOneObjectAndWritesEveryFile()
    {
        var (exit, stdout, stderr) = Run("train", "xor", "--epochs", "20", "--backend", "reference", "--out", Dir, "--json");

        Assert.That(exit, Is.EqualTo(0), stderr);
        using var json = JsonDocument.Parse(stdout); // exactly one JSON document: progress went to stderr
        var root = json.RootElement;
        Assert.That(root.GetProperty("epochs").GetInt32(), Is.EqualTo(20));
        Assert.That(root.GetProperty("iterations").GetInt64(), Is.EqualTo(20), "xor trains by batch GD: one update per epoch");
        Assert.That(root.GetProperty("testAccuracy").GetDouble(), Is.InRange(0.0, 1.0));
        // A measured time: 20 epochs of forward, backward and a step take microseconds at least, far above the
        // stopwatch's resolution, so 0 (a stub, or a timer never started) fails.
        Assert.That(root.GetProperty("secondsPerEpoch").GetDouble(), Is.GreaterThan(0));
        Assert.That(root.GetProperty("backend").GetString(), Is.EqualTo("reference"));
        Assert.That(root.GetProperty("outputDirectory").GetString(), Is.EqualTo(Dir));
        Assert.That(stderr, Does.Contain("epoch 20/20"));
        foreach (var name in new[] { "metrics.json", "loss.svg", "accuracy.svg", "confusion.svg", "model.safetensors" })
        {
            Assert.That(File.Exists(Path.Combine(Dir, name)), Is.True, name);
        }

        foreach (var svg in new[] { "loss.svg", "accuracy.svg", "confusion.svg" })
        {
            var document = XDocument.Load(Path.Combine(Dir, svg));
            Assert.That(document.Root!.Name.LocalName, Is.EqualTo("svg"), svg);
        }
    }

    [Test]
    public void Run_SpiralJson_MetricsHoldHistoryConfusionAndPerClassScores()
    {
        var (exit, _, stderr) = Run("train", "spiral", "--epochs", "2", "--batch", "32", "--backend", "reference", "--out", Dir, "--json");

        Assert.That(exit, Is.EqualTo(0), stderr);
        using var metrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(Dir, "metrics.json")));
        var root = metrics.RootElement;
        Assert.That(root.GetProperty("data").GetProperty("train").GetInt32(), Is.EqualTo(210), "300 points − 10 % validation − 20 % test");
        var history = root.GetProperty("history");
        Assert.That(history.GetArrayLength(), Is.EqualTo(2));
        Assert.That(history[1].GetProperty("iterations").GetInt64(), Is.EqualTo(2 * 7), "⌈210 / 32⌉ = 7 mini-batches per epoch");
        Assert.That(history[0].GetProperty("validationLoss").ValueKind, Is.EqualTo(JsonValueKind.Number));
        Assert.That(root.GetProperty("classes").GetArrayLength(), Is.EqualTo(3));
        var confusion = root.GetProperty("confusionMatrix");
        long total = confusion.EnumerateArray().SelectMany(r => r.EnumerateArray()).Sum(c => c.GetInt64());
        Assert.That(total, Is.EqualTo(60), "the test part has 20 % of 300 points");
        Assert.That(root.GetProperty("config").GetProperty("batch").GetInt32(), Is.EqualTo(32));
        Assert.That(root.GetProperty("backend").GetProperty("name").GetString(), Is.EqualTo("reference"));
    }

    [Test]
    public void Run_SecondRunIntoTheSameFolder_SaysItReplacesTheEarlierRun()
    {
        var first = Run("train", "xor", "--epochs", "1", "--backend", "reference", "--out", Dir);
        Assert.That(first.Exit, Is.EqualTo(0), first.Stderr);
        Assert.That(first.Stdout, Does.Not.Contain("holds an earlier run"));

        var (exit, stdout, stderr) = Run("train", "xor", "--epochs", "1", "--backend", "reference", "--out", Dir);

        Assert.That(exit, Is.EqualTo(0), stderr);
        Assert.That(stdout, Does.Contain($"note: {Dir} holds an earlier run; this run replaces its files"));
    }

    [Test]
    public void Run_Text_EndsWithTestAccuracyPlotsAndReportLines()
    {
        var (exit, stdout, stderr) = Run("train", "xor", "--epochs", "3", "--backend", "reference", "--out", Dir);

        Assert.That(exit, Is.EqualTo(0), stderr);
        var lines = stdout.TrimEnd().Split('\n');
        Assert.That(lines[^3], Does.Match(@"^test accuracy: \d+\.\d% \(\d/4\)$"));
        Assert.That(lines[^2], Is.EqualTo($"plots: {Path.Combine(Dir, "loss.svg")}, {Path.Combine(Dir, "accuracy.svg")}, {Path.Combine(Dir, "confusion.svg")}, {Path.Combine(Dir, "model-graph.svg")}"));
        Assert.That(lines[^1], Does.StartWith($"report: {Path.Combine(Dir, "report.html")} "));
        Assert.That(File.Exists(Path.Combine(Dir, "report.html")), Is.True);
        Assert.That(stdout, Does.Contain("precision").And.Contain("confusion matrix"));
    }

    [Test]
    public void Run_CsvWithHeaderAndLabelColumn_TrainsOnTheFile()
    {
        Directory.CreateDirectory(Dir);
        var csv = Path.Combine(Dir, "blobs.csv");
        var random = new Random(0);
        var text = new System.Text.StringBuilder("label,x,y\n");
        for (int i = 0; i < 60; i++)
        {
            int label = i % 2;
            text.Append(CultureInfo.InvariantCulture, $"{label},{(label * 4) + random.NextDouble()},{random.NextDouble()}\n");
        }

        File.WriteAllText(csv, text.ToString());
        var (exit, stdout, stderr) = Run("train", csv, "--header", "--label-column", "0", "--epochs", "30", "--backend", "reference", "--out", Path.Combine(Dir, "run"), "--json");

        Assert.That(exit, Is.EqualTo(0), stderr);
        using var json = JsonDocument.Parse(stdout);
        Assert.That(json.RootElement.GetProperty("dataset").GetString(), Is.EqualTo("blobs"));
        Assert.That(json.RootElement.GetProperty("testAccuracy").GetDouble(), Is.EqualTo(1.0), "two blobs 4 apart are separable");
    }

    [TestCase("--activation", "swish", "--activation")]
    [TestCase("--epochs", "-1", "--epochs")]
    [TestCase("--optimizer", "rmsprop", "--optimizer")]
    [TestCase("--dropout", "1.5", "--dropout")]
    [TestCase("--batch", "-3", "--batch")]
    [TestCase("--backend", "gpu", "--backend")]
    [TestCase("--schedule", "linear", "--schedule")]
    [TestCase("--hidden", "12,x", "--hidden")]
    [TestCase("--hiden", "12", "--hiden")]
    public void Run_BadOption_ExitsTwoNamingTheOption(string option, string value, string named)
    {
        var (exit, _, stderr) = Run("train", "xor", option, value, "--out", Dir);

        Assert.That(exit, Is.EqualTo(2));
        Assert.That(stderr, Does.Contain(named));
        Assert.That(Directory.Exists(Dir), Is.False, "nothing is written on a usage error");
    }

    // A bad command line: exit 1 (a run that fails) or 2 (a usage error), and the error says what is wrong.
    [TestCase("train cifar", 2, "digits", "fashion-mnist", TestName = "Run_UnknownDataset_ExitsTwoListingTheNames")]
    [TestCase("train fashion-mnist --data {dir}/nowhere --backend reference --out {dir}", 1, "apt-get install dataset-fashion-mnist", TestName = "Run_FashionMnistMissing_ExitsOneWithHowToInstall")]
    [TestCase("train {dir}/none.csv --backend reference --out {dir}", 1, "does not exist", TestName = "Run_MissingCsvFile_ExitsOne")]
    public void Run_BadCommandLine_ExitsSaying(string commandLine, int exit, params string[] fragments) => AssertExitSaying(commandLine, exit, fragments);
}
