using MiniDL.Cli.Bench;

namespace MiniDL.Tests.Cli;

[TestFixture]
public class BenchCommandTests : CliTestBase
{
    [Test]
    public void Run_ReferenceQuickJson_ReportsEveryKernelWithPositiveThroughput()
    {
        using var doc = RunJson("bench", "--backends", "reference", "--quick", "--no-training", "--repetitions", "1", "--json");
        Assert.That(doc.RootElement.GetProperty("machine").GetProperty("cores").GetString(), Is.EqualTo(Environment.ProcessorCount.ToString()));
        var kernels = doc.RootElement.GetProperty("kernels").EnumerateArray().ToList();
        var names = kernels.Select(k => k.GetProperty("name").GetString()).Distinct().ToList();
        Assert.That(names, Is.SupersetOf(new[] { "gemm", "relu_forward", "relu_backward", "sigmoid_forward", "softmax_1024", "column_sums_1024", "adam_step" }));
        foreach (var k in kernels)
        {
            Assert.That(k.GetProperty("backend").GetString(), Is.EqualTo("reference-f64"));
            var unit = k.GetProperty("name").GetString() == "gemm" ? "gflops" : "gbps";
            Assert.That(k.GetProperty(unit).GetDouble(), Is.GreaterThan(0), k.ToString());
            Assert.That(k.GetProperty("seconds").GetDouble(), Is.GreaterThan(0), k.ToString());
        }

        Assert.That(doc.RootElement.GetProperty("training").GetArrayLength(), Is.EqualTo(0), "--no-training skips the epoch table");
    }

    [Test]
    public void Run_ZeroEpochs_ExitsTwo() => AssertExitSaying("bench --epochs 0", 2, "--epochs");

    [Test]
    public void Run_ContentionWithoutData_ExitsOneNamingTheDataSetBeforeStartingProcesses()
        => AssertExitSaying("bench --contention --data {dir}/no-such-folder", 1, "Fashion-MNIST", "no-such-folder");

    [Test]
    public void Run_NoKernelsNoTraining_PrintsEmptyTables()
    {
        using var doc = RunJson("bench", "--backends", "reference", "--no-kernels", "--no-training", "--json");
        Assert.That(doc.RootElement.GetProperty("kernels").GetArrayLength(), Is.EqualTo(0));
    }

    [Test]
    public void ContentionToMarkdown_FourLoads_RatiosAgainstAloneAndPyTorch()
    {
        var table = ContentionBench.ToMarkdown(
        [
            new("alone", 0.5, 2.0),
            new("alone, 1 thread", 0.8, double.NaN),
            new("beside a busy process", 1.0, 4.0),
            new("two at once", 0.96, 8.0),
        ]);
        var rows = table.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Multiple(() =>
        {
            Assert.That(rows, Has.Length.EqualTo(6), "without the single-thread pair there is no floor line");
            Assert.That(rows[4], Is.EqualTo("| beside a busy process | 1.000 | 2.00 | 1.25 | 4.000 | 2.00 | 0.25 |"));
            Assert.That(rows[5], Is.EqualTo("| two at once | 0.960 | 1.92 | 1.20 | 8.000 | 4.00 | 0.12 |"));
            Assert.That(rows[3], Does.Contain("| — |"), "a load PyTorch was not measured under prints a dash");
        });
    }

    [Test]
    public void ContentionToMarkdown_BothTwoAtOnceLoads_LastLineComparesThemAndTheFloor()
    {
        var table = ContentionBench.ToMarkdown(
        [
            new("alone", 0.5, 2.0),
            new("alone, 1 thread", 0.8, 1.0),
            new("beside a busy process", 1.0, 4.0),
            new("two at once", 1.2, 8.0),
            new("two at once, 1 thread each", 1.0, 1.5),
        ]);
        var rows = table.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Multiple(() =>
        {
            Assert.That(rows, Has.Length.EqualTo(8));
            Assert.That(rows[6], Is.EqualTo("| two at once, 1 thread each | 1.000 | 2.00 | 1.25 | 1.500 | 0.75 | 0.67 |"));
            Assert.That(rows[7], Is.EqualTo(
                "two at once against two single-thread runs at once: MiniDL ×1.20; two single-thread runs slow each other ×1.25 on this machine"));
        });
    }
}
