using System.Globalization;
using System.Text;
using System.Text.Json;
using MiniDL.Checkpoints;
using MiniDL.Tests.TestSupport;

namespace MiniDL.Tests.Cli;

/// <summary>
/// Issue 11, item 5: the library features that <c>minidl train</c> now reaches (initializer, Maxout, gradient
/// clipping, sampling, both Elastic Net forms, the loss, F-beta), each shown to take effect on a short run on xor,
/// iris or a tiny CSV.
/// </summary>
[TestFixture]
public class TrainNewOptionsTests : CliTestBase
{
    private string Train(string name, params string[] options)
    {
        var folder = Path.Combine(Dir, name);
        var (exit, _, stderr) = Run(["train", "xor", "--backend", "reference", "--out", folder, "--json", .. options]);
        Assert.That(exit, Is.EqualTo(0), stderr);
        return folder;
    }

    private static Dictionary<string, double[]> Weights(string folder) =>
        SafeTensors.Load(Path.Combine(folder, "model.safetensors")).Tensors.ToDictionary(t => t.Name, t => t.Data);

    private static JsonElement Config(string folder)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "metrics.json")));
        return json.RootElement.GetProperty("config").Clone();
    }

    private static double MaxChange(Dictionary<string, double[]> a, Dictionary<string, double[]> b) =>
        a.Keys.Max(k => a[k].Zip(b[k]).Max(p => Math.Abs(p.First - p.Second)));

    private static double GlobalChange(Dictionary<string, double[]> a, Dictionary<string, double[]> b) =>
        Math.Sqrt(a.Keys.Sum(k => a[k].Zip(b[k]).Sum(p => (p.First - p.Second) * (p.First - p.Second))));

    private static readonly string[] OneSgdStep = ["--optimizer", "sgd", "--lr", "1", "--batch", "0", "--epochs", "1"];

    [Test]
    public void Train_Init_ChangesTheInitialWeightsAndIsSaved()
    {
        var he = Weights(Train("he", "--epochs", "0", "--activation", "relu", "--init", "he"));
        var gaussian = Train("gaussian", "--epochs", "0", "--activation", "relu", "--init", "gaussian");
        var fallback = Weights(Train("default", "--epochs", "0", "--activation", "relu"));

        Assert.Multiple(() =>
        {
            Assert.That(MaxChange(Weights(gaussian), he), Is.GreaterThan(0.01), "σ = 1 vs He's √(2/fan-in)");
            Assert.That(MaxChange(fallback, he), Is.EqualTo(0), "relu's default is He");
            Assert.That(SafeTensors.Load(Path.Combine(gaussian, "model.safetensors")).Metadata["model.initializer"], Is.EqualTo("gaussian"));
            Assert.That(Config(gaussian).GetProperty("init").GetString(), Is.EqualTo("gaussian"));
        });
    }

    [Test]
    public void Train_Maxout_BuildsMaxoutLayersThatEvalReloads()
    {
        var folder = Train("maxout", "--maxout", "3", "--epochs", "30");
        var weights = Weights(folder);
        var (exit, stdout, stderr) = Run("eval", Path.Combine(folder, "model.safetensors"), "--backend", "reference");

        Assert.Multiple(() =>
        {
            Assert.That(weights.Keys, Does.Contain("0.W3").And.Contain("0.b3"), "three pieces in the hidden layer");
            Assert.That(weights.Keys, Does.Not.Contain("0.W4"));
            Assert.That(Config(folder).GetProperty("maxout").GetInt32(), Is.EqualTo(3));
            Assert.That(exit, Is.EqualTo(0), stderr);
            Assert.That(stdout, Does.Contain("maxout k=3"));
        });
    }

    private static double[] TrainAccuracies(string folder)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "metrics.json")));
        return [.. json.RootElement.GetProperty("history").EnumerateArray().Select(e => e.GetProperty("trainAccuracy").GetDouble())];
    }

    [Test]
    public void Train_TrainAccuracyBatches_IsRecordedAndWithFrozenWeightsEqualsThePass()
    {
        string[] frozen = ["--optimizer", "sgd", "--lr", "1e-12", "--batch", "2", "--epochs", "3"];
        var pass = Train("pass", frozen);
        var batches = Train("batches", [.. frozen, "--train-accuracy", "batches"]);

        Assert.That(Config(pass).GetProperty("trainAccuracy").GetString(), Is.EqualTo("pass"));
        Assert.That(Config(batches).GetProperty("trainAccuracy").GetString(), Is.EqualTo("batches"));
        Assert.That(TrainAccuracies(batches), Is.EqualTo(TrainAccuracies(pass)), "the same weights judge the same samples");
        Assert.That(TrainAccuracies(batches), Has.Length.EqualTo(3));
    }

    [Test]
    public void Train_FeaturesKeptOnTheCpu_IsRecordedAndTrainsAsFromTheHost()
    {
        string Run3(string name, string features)
        {
            var folder = Path.Combine(Dir, name);
            var (exit, _, stderr) = Run("train", "iris", "--backend", "cpu", "--epochs", "3", "--features", features, "--out", folder, "--json");
            Assert.That(exit, Is.EqualTo(0), stderr);
            return folder;
        }

        var kept = Run3("kept", "kept");
        var host = Run3("host", "host");
        Assert.That(Config(kept).GetProperty("features").GetString(), Is.EqualTo("kept"));
        Assert.That(Config(host).GetProperty("features").GetString(), Is.EqualTo("host"));
        Assert.That(Weights(kept), Is.EqualTo(Weights(host)), "a float32 copy rounds each feature as the host gather does");
    }

    [Test]
    public void Train_ClipValue_BoundsEveryStepEntry()
    {
        var before = Weights(Train("start", "--epochs", "0"));
        var plain = Weights(Train("plain", OneSgdStep));
        var clipped = Weights(Train("clipped", [.. OneSgdStep, "--clip-value", "0.001"]));

        Assert.That(MaxChange(plain, before), Is.GreaterThan(0.001), "without clipping some entry moves more");
        Assert.That(MaxChange(clipped, before), Is.LessThanOrEqualTo(0.001 + 1e-12), "lr 1 × |g| ≤ 0.001");
    }

    [Test]
    public void Train_ClipNorm_BoundsTheStepNorm()
    {
        var before = Weights(Train("start", "--epochs", "0"));
        var plain = Weights(Train("plain", OneSgdStep));
        var clipped = Weights(Train("clipped", [.. OneSgdStep, "--clip-norm", "0.01"]));

        Assert.That(GlobalChange(plain, before), Is.GreaterThan(0.01));
        Assert.That(GlobalChange(clipped, before), Is.LessThanOrEqualTo(0.01 + 1e-9), "lr 1 × ‖g‖ rescaled to at most 0.01");
    }

    [TestCase("svm")]
    [TestCase("mse")]
    [TestCase("mae")]
    public void Train_Loss_ChangesTheGradient(string loss)
    {
        var softmax = Weights(Train("softmax", OneSgdStep));
        var other = Weights(Train(loss, [.. OneSgdStep, "--loss", loss]));

        Assert.That(MaxChange(other, softmax), Is.GreaterThan(1e-6));
    }

    [Test]
    public void Train_LossCce_SameStepAsTheFusedSoftmaxCrossEntropy()
    {
        var softmax = Weights(Train("softmax", OneSgdStep));
        var cce = Train("cce", [.. OneSgdStep, "--loss", "cce"]);

        Assert.That(MaxChange(Weights(cce), softmax), Is.LessThan(1e-9), "softmax then CCE is the same function");
        Assert.That(Config(cce).GetProperty("loss").GetString(), Is.EqualTo("cce"));
    }

    [Test]
    public void Train_ElasticNetLesson1Form_EqualsDay01FormWithL2LambdaBeta()
    {
        // λ Σ (β W² + |W|) = λ₁‖W‖₁ + λ₂‖W‖₂² with λ₁ = λ, λ₂ = λβ.
        var lesson1 = Train("lesson1", [.. OneSgdStep, "--elastic-lambda", "0.1", "--elastic-beta", "0.5"]);
        var day01 = Weights(Train("day01", [.. OneSgdStep, "--l1", "0.1", "--l2", "0.05"]));
        var none = Weights(Train("none", OneSgdStep));

        Assert.Multiple(() =>
        {
            Assert.That(MaxChange(Weights(lesson1), day01), Is.LessThan(1e-12));
            Assert.That(MaxChange(day01, none), Is.GreaterThan(1e-3), "the penalty took effect");
            Assert.That(Config(lesson1).GetProperty("elasticLambda").GetDouble(), Is.EqualTo(0.1));
        });
    }

    [TestCase("over")]
    [TestCase("under")]
    public void Train_Sampling_BalancesTheTrainingClasses(string sampling)
    {
        Directory.CreateDirectory(Dir);
        var csv = Path.Combine(Dir, "skewed.csv");
        var text = new StringBuilder();
        var random = new Random(3);
        for (int i = 0; i < 60; i++)
        {
            int label = i % 4 == 0 ? 1 : 0; // 45 : 15
            text.Append(string.Create(CultureInfo.InvariantCulture, $"{label * 3 + random.NextDouble():R},{random.NextDouble():R},{label}\n"));
        }

        File.WriteAllText(csv, text.ToString());
        var (exit, stdout, stderr) = Run(
            "train", csv, "--validation", "0", "--test", "0.25", "--epochs", "2", "--sampling", sampling, "--backend", "reference", "--out", Path.Combine(Dir, "run"));

        Assert.That(exit, Is.EqualTo(0), stderr);
        var line = stdout.Split('\n').Single(l => l.StartsWith("sampling:", StringComparison.Ordinal));
        int after = int.Parse(line.Split('→')[1].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        Assert.That(after % 2, Is.EqualTo(0), line);
        Assert.That(sampling == "over" ? after > 45 : after < 45, Is.True, line);
    }

    [Test]
    public void Eval_Beta_PrintsEveryDay01Metric()
    {
        var folder = Train("run", "--epochs", "0");
        var (exit, stdout, stderr) = Run("eval", Path.Combine(folder, "model.safetensors"), "--backend", "reference", "--beta", "2", "--json");
        var (_, text, _) = Run("eval", Path.Combine(folder, "model.safetensors"), "--backend", "reference", "--beta", "2");

        Assert.That(exit, Is.EqualTo(0), stderr);
        using var json = JsonDocument.Parse(stdout);
        var macro = json.RootElement.GetProperty("macro");
        var first = json.RootElement.GetProperty("classes")[0];
        Assert.Multiple(() =>
        {
            foreach (var row in new[] { macro, first, json.RootElement.GetProperty("micro") })
            {
                foreach (var key in new[] { "precision", "recall", "f1", "specificity", "npv", "fBeta", "beta" })
                {
                    Assert.That(row.TryGetProperty(key, out _), Is.True, key);
                }
            }

            Assert.That(macro.GetProperty("beta").GetDouble(), Is.EqualTo(2));
            if (first.GetProperty("precision").ValueKind == JsonValueKind.Number && first.GetProperty("fBeta").ValueKind == JsonValueKind.Number)
            {
                double p = first.GetProperty("precision").GetDouble(), r = first.GetProperty("recall").GetDouble();
                double expected = p + r == 0 ? 0 : 5 * p * r / ((4 * p) + r);
                Assert.That(first.GetProperty("fBeta").GetDouble(), Is.EqualTo(expected).Within(1e-12), "F2 = 5PR/(4P + R)");
            }

            Assert.That(text, Does.Contain("specificity").And.Contain("npv").And.Contain("f2"));
        });
    }
}
