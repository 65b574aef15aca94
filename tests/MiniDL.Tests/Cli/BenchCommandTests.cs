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
}
