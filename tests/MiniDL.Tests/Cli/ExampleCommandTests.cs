using System.Text.Json;
using System.Xml.Linq;

namespace MiniDL.Tests.Cli;

[TestFixture]
public class ExampleCommandTests : CliTestBase
{
    private JsonDocument RunExample(string name)
    {
        var json = RunJson("example", name, "--out", Dir, "--json");
        Assert.That(json.RootElement.GetProperty("example").GetString(), Is.EqualTo(name));
        Assert.That(json.RootElement.GetProperty("passed").GetBoolean(), Is.True);
        return json;
    }

    private static double Value(JsonDocument json, string key) => json.RootElement.GetProperty("values").GetProperty(key).GetDouble();

    [Test]
    public void Run_Xor_LinearFailsMlpSolvesAndBoundariesAreSvg()
    {
        using var json = RunExample("xor");

        Assert.That(Value(json, "linearAccuracy"), Is.LessThanOrEqualTo(0.75));
        Assert.That(Value(json, "mlpAccuracy"), Is.EqualTo(1.0));
        var files = json.RootElement.GetProperty("files").EnumerateArray().Select(f => f.GetString()!).ToArray();
        Assert.That(files.Select(Path.GetFileName), Is.EquivalentTo(new[] { "xor-linear.svg", "xor-mlp.svg" }));
        foreach (var file in files)
        {
            Assert.That(XDocument.Load(file).Root!.Name.LocalName, Is.EqualTo("svg"));
        }
    }

    [Test]
    public void Run_HousePrices_GradientDescentMatchesNormalEquations()
    {
        using var json = RunExample("house-prices");

        Assert.That(Value(json, "gdSlope"), Is.EqualTo(Value(json, "normalSlope")).Within(1e-9));
        Assert.That(Value(json, "gdIntercept"), Is.EqualTo(Value(json, "normalIntercept")).Within(1e-6));
        Assert.That(Value(json, "normalSlope"), Is.EqualTo(0.1326).Within(1e-4), "least squares through lesson 7's four houses");
    }

    [Test]
    public void Run_Spam_PrintsWeightsAndFourProbabilities()
    {
        using var json = RunExample("spam");

        var p = json.RootElement.GetProperty("values").GetProperty("probabilities").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        Assert.That(p, Has.Length.EqualTo(4));
        Assert.That(p[0] > 0.5 && p[1] > 0.5 && p[2] < 0.5 && p[3] < 0.5, Is.True, string.Join(", ", p));
        Assert.That(Value(json, "w"), Is.GreaterThan(0), "more \"sale\" means more likely spam");
        Assert.That(Value(json, "boundary"), Is.InRange(6.0, 10.0));

        // The printed numbers belong to one model: p = σ(w · count + b) for the counts 10, 12, 2, 6, and the boundary
        // σ = 0.5 at w · count + b = 0, count = −b/w (the lecture's formulas, not MiniDL's code).
        double w = Value(json, "w"), b = Value(json, "b");
        double[] counts = [10, 12, 2, 6];
        Assert.That(p, Is.EqualTo(counts.Select(x => 1 / (1 + Math.Exp(-((w * x) + b))))).Within(1e-12), $"σ(w·count + b), w = {w}, b = {b}");
        Assert.That(Value(json, "boundary"), Is.EqualTo(-b / w).Within(1e-12));
    }

    [Test]
    public void Run_Bumps_ApproximatesTheFunctionAndPlotsIt()
    {
        using var json = RunExample("bumps");

        Assert.That(Value(json, "trainedMse"), Is.LessThan(0.1 * Value(json, "targetVariance")));
        Assert.That(Value(json, "handMse"), Is.LessThan(0.1 * Value(json, "targetVariance")));
        foreach (var file in json.RootElement.GetProperty("files").EnumerateArray())
        {
            Assert.That(XDocument.Load(file.GetString()!).Root!.Name.LocalName, Is.EqualTo("svg"));
        }
    }

    [Test]
    public void Run_SvmVsSoftmax_ReproducesTheLecturesNumbers()
    {
        using var json = RunExample("svm-vs-softmax");

        Assert.That(Value(json, "lectureHinge"), Is.EqualTo(1.58).Within(0.005));
        Assert.That(Value(json, "lectureCrossEntropy"), Is.EqualTo(1.04).Within(0.005));
        Assert.That(Value(json, "svmTestAccuracy"), Is.GreaterThanOrEqualTo(0.8));
        Assert.That(Value(json, "softmaxTestAccuracy"), Is.GreaterThanOrEqualTo(0.8));
    }

    [Test]
    public void Run_UnknownExample_ExitsTwoListingTheExamples() => AssertExitSaying("example mnist", 2, "xor", "svm-vs-softmax");
}
