using System.Text.Json;

namespace MiniDL.Tests.Cli;

[TestFixture]
public class EvalCommandTests : CliTestBase
{
    [TestCase("spiral", new string[0])]
    [TestCase("iris", new[] { "--batchnorm", "--dropout", "0.2" })]
    public void Run_AfterTrain_ReproducesTestPredictionsBitForBit(string dataset, string[] extra)
    {
        var (trainExit, _, trainErr) = Run(["train", dataset, "--epochs", "2", "--hidden", "16,8", "--seed", "3", "--backend", "reference", "--out", Dir, "--json", .. extra]);
        Assert.That(trainExit, Is.EqualTo(0), trainErr);
        using var metrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(Dir, "metrics.json")));

        var (exit, stdout, stderr) = Run("eval", Path.Combine(Dir, "model.safetensors"), dataset, "--backend", "reference", "--json");

        Assert.That(exit, Is.EqualTo(0), stderr);
        using var eval = JsonDocument.Parse(stdout);
        var trained = metrics.RootElement;
        var scored = eval.RootElement;
        Assert.That(scored.GetProperty("testLoss").GetDouble(), Is.EqualTo(trained.GetProperty("testLoss").GetDouble()), "bit-identical loss");
        Assert.That(scored.GetProperty("testAccuracy").GetDouble(), Is.EqualTo(trained.GetProperty("testAccuracy").GetDouble()));
        var expected = trained.GetProperty("testPredictions").EnumerateArray().Select(e => e.GetInt32()).ToArray();
        var actual = scored.GetProperty("predictions").EnumerateArray().Select(e => e.GetInt32()).ToArray();
        Assert.That(actual, Is.EqualTo(expected));
        Assert.That(scored.GetProperty("samples").GetInt32(), Is.EqualTo(expected.Length));
    }

    [Test]
    public void Run_WithoutDataset_UsesTheCheckpointsDataSetAndPrintsAccuracy()
    {
        Assert.That(Run("train", "xor", "--epochs", "2", "--backend", "reference", "--out", Dir, "--json").Exit, Is.EqualTo(0));

        var (exit, stdout, stderr) = Run("eval", Path.Combine(Dir, "model.safetensors"), "--backend", "reference");

        Assert.That(exit, Is.EqualTo(0), stderr);
        Assert.That(stdout, Does.Contain("data: xor").And.Match(@"test accuracy: \d+\.\d% \(\d/4\)"));
    }

    // A bad command line: exit 1 (a run that fails) or 2 (a usage error), and the error says what is wrong.
    [TestCase("eval {dir}/none.safetensors digits --backend reference", 1, "does not exist", TestName = "Run_MissingCheckpoint_ExitsOne")]
    [TestCase("eval", 2, "usage: minidl eval CHECKPOINT", TestName = "Run_NoCheckpoint_ExitsTwoWithUsage")]
    public void Run_BadCommandLine_ExitsSaying(string commandLine, int exit, params string[] fragments) => AssertExitSaying(commandLine, exit, fragments);

    [Test]
    public void Run_WrongDataSet_ExitsOneNamingTheShapes()
    {
        Assert.That(Run("train", "xor", "--epochs", "1", "--backend", "reference", "--out", Dir, "--json").Exit, Is.EqualTo(0));

        var (exit, _, stderr) = Run("eval", Path.Combine(Dir, "model.safetensors"), "iris", "--backend", "reference");

        Assert.That(exit, Is.EqualTo(1));
        Assert.That(stderr, Does.Contain("2 features").And.Contain("iris"));
    }
}
