using System.Text.Json;
using MiniDL.Tests.TestSupport;

namespace MiniDL.Tests.Cli;

/// <summary>Issue 11, item 4: <c>minidl example delta-rule</c> and <c>minidl train --target-accuracy</c>.</summary>
[TestFixture]
public class DeltaRuleExampleTests : CliTestBase
{
    [Test]
    public void Example_DeltaRule_PrintsPerNeuronGradientsEqualToGraphAndEpochsToTarget()
    {
        var (exit, stdout, stderr) = Run("example", "delta-rule", "--out", Dir);

        Assert.That(exit, Is.EqualTo(0), stderr + stdout);
        Assert.That(stdout, Does.Contain("equal to graph backpropagation: yes"));
        Assert.That(stdout, Does.Contain("neuron 4: δ =").And.Contain("w_11 (unit 1 → 1)").And.Contain("graph"));
        Assert.That(stdout, Does.Match(@"reached after \d+ epochs; accuracy 100"));
    }

    [Test]
    public void Example_DeltaRuleJson_GradientsAgreeTo1e12AndStopsBeforeTheLastEpoch()
    {
        var (exit, stdout, stderr) = Run("example", "delta-rule", "--out", Dir, "--json");

        Assert.That(exit, Is.EqualTo(0), stderr);
        using var json = JsonDocument.Parse(stdout);
        var values = json.RootElement.GetProperty("values");
        Assert.That(json.RootElement.GetProperty("passed").GetBoolean(), Is.True);
        Assert.That(values.GetProperty("maxGradientDifference").GetDouble(), Is.LessThanOrEqualTo(1e-12));
        Assert.That(values.GetProperty("epochs").GetDouble(), Is.LessThan(5000));
        Assert.That(values.GetProperty("accuracy").GetDouble(), Is.EqualTo(1.0));
    }

    [Test]
    public void Train_TargetAccuracy_StopsEarlierThanTheEpochs()
    {
        var folder = Path.Combine(Dir, "target");
        var (exit, stdout, stderr) = Run("train", "xor", "--backend", "reference", "--out", folder, "--epochs", "300", "--target-accuracy", "0.5");

        Assert.That(exit, Is.EqualTo(0), stderr);
        Assert.That(stdout + stderr, Does.Contain("target accuracy 0.5 reached after epoch"));
    }

    [Test]
    public void Train_TargetAccuracyAboveOne_IsUsageError()
    {
        var (exit, _, stderr) = Run("train", "xor", "--out", Path.Combine(Dir, "bad"), "--target-accuracy", "1.5");

        Assert.That(exit, Is.EqualTo(2));
        Assert.That(stderr, Does.Contain("target-accuracy"));
    }
}
