using System.Text.Json;
using System.Text.Json.Nodes;
using MiniDL.GradCheck;
using MiniDL.Porting;
using MiniDL.Tests.TestSupport;

namespace MiniDL.Tests.Porting;

[TestFixture]
public class GoldenTests : CliTestBase
{
    [Test]
    public void Write_ThenRead_GivesBackEveryDoubleBitForBit()
    {
        double[] values = [0.1, -0.0, double.Epsilon, double.MaxValue, -1.0 / 3, 1e-300, Math.PI, double.NaN, double.PositiveInfinity, 2.5e-8];
        var c = new GoldenCase("t", "node", [new GoldenArray("x0", [2, 5], values)], [], new Dictionary<string, double> { ["lr"] = 0.1 }, null, [], []);

        var back = GoldenJson.Read(GoldenJson.Write(c));

        Assert.That(back.Inputs[0].Data.Select(BitConverter.DoubleToInt64Bits), Is.EqualTo(values.Select(BitConverter.DoubleToInt64Bits)));
        Assert.That(back.Attributes["lr"], Is.EqualTo(0.1));
    }

    [Test]
    public void All_CoversEveryGradCheckCaseAndTheOptimizers()
    {
        var cases = GoldenExport.All();

        Assert.That(cases.Select(c => c.Name).Take(GradCheckSuite.All().Count), Is.EqualTo(GradCheckSuite.All().Select(c => c.Name)));
        Assert.That(cases.Where(c => c.Kind == "optimizer").Select(c => c.Name), Is.EqualTo(new[] { "sgd", "momentum", "nesterov", "adam" }));
        Assert.That(cases.Select(c => c.FileName).Distinct().Count(), Is.EqualTo(cases.Count), "file names are unique");
        var matmul = cases.Single(c => c.Name == "matmul");
        Assert.That(matmul.Gradients.Select(g => g.Shape), Is.EqualTo(new[] { new[] { 4, 3 }, new[] { 3, 5 } }));
    }

    [Test]
    public void All_Kinds_ALossHasAConstantTargetAndAScalarValue()
    {
        var cases = GoldenExport.All();

        Assert.That(cases.Where(c => c.Kind == "loss").Select(c => c.Name), Is.EqualTo(new[]
        {
            "mse", "mae", "bce(mean)", "bce(sum)", "cce", "cce(sum)", "softmax_cross_entropy",
            "softmax_cross_entropy(soft targets)", "multiclass_svm", "weighted_cross_entropy",
        }));
        Assert.That(cases.Single(c => c.Name.StartsWith("bias_trick", StringComparison.Ordinal)).Kind, Is.EqualTo("node"), "[x, 1] is constant, but y is no loss");
    }

    [Test]
    public void PortingDoc_CaseTable_NamesEveryCaseAndTheirCount()
    {
        var doc = File.ReadAllText(Path.Combine(ExternalTools.RepoRoot, "docs", "porting.md"));
        var cases = GoldenExport.All();

        Assert.That(cases.Select(c => c.Name).Where(n => !doc.Contains($"`{n}`", StringComparison.Ordinal)), Is.Empty, "a case docs/porting.md does not describe");
        Assert.That(doc, Does.Contain($"({cases.Count} cases)"));
    }

    [TestCase("copy")]
    [TestCase("add_constant")]
    [TestCase("multiply_constant")]
    [TestCase("pow_constant")]
    [TestCase("leaky_relu")]
    [TestCase("elu(alpha=0.5)")]
    [TestCase("add_bias_activation(leaky_relu)")]
    [TestCase("add_bias_activation(elu)")]
    [TestCase("l1_penalty")]
    [TestCase("l2_penalty")]
    [TestCase("elastic_net_penalty")]
    [TestCase("mse")]
    [TestCase("cce")]
    public void All_ForwardOutput_IsTheFormulaOfPortingDocsCaseTable(string name)
    {
        var c = GoldenExport.All().Single(c => c.Name == name);
        double[] x = c.Inputs[0].Data;
        double[] Row(Func<double, double, double> f) => x.Select((v, i) => f(v, c.Inputs[1].Data[i % c.Inputs[1].Data.Length])).ToArray();
        static double Elu(double z, double a) => z >= 0 ? z : a * (Math.Exp(z) - 1);

        double[] want = name switch
        {
            "copy" => x.Select(v => v * v + v).ToArray(),
            "add_constant" => x.Select(v => v + 1).ToArray(),
            "multiply_constant" => x.Select(v => -2.5 * v).ToArray(),
            "pow_constant" => x.Select(v => Math.Pow(v, 2.5)).ToArray(),
            "leaky_relu" => x.Select(v => Math.Max(0.1 * v, v)).ToArray(),
            "elu(alpha=0.5)" => x.Select(v => Elu(v, 0.5)).ToArray(),
            "add_bias_activation(leaky_relu)" => Row((v, b) => Math.Max(0.1 * (v + b), v + b)),
            "add_bias_activation(elu)" => Row((v, b) => Elu(v + b, 0.7)),
            "l1_penalty" => [0.3 * x.Sum(Math.Abs)],
            "l2_penalty" => [0.3 * x.Sum(v => v * v)],
            "elastic_net_penalty" => [0.3 * x.Sum(v => 0.5 * v * v + Math.Abs(v))],
            "mse" => [x.Select((v, i) => (v - c.Inputs[1].Data[i]) * (v - c.Inputs[1].Data[i])).Sum() / x.Length],
            _ => [-x.Select((v, i) => c.Inputs[1].Data[i] * Math.Log(v)).Sum() / c.Inputs[0].Shape[0]], // cce: over the rows
        };

        Assert.That(c.Outputs[0].Data, Is.EqualTo(want).Within(1e-12), "docs/porting.md, \"The cases\", states this formula");
    }

    [Test]
    public void All_MatMulGradients_AreTheLectureRules()
    {
        var c = GoldenExport.All().Single(c => c.Name == "matmul");
        double[] x = c.Inputs[0].Data, w = c.Inputs[1].Data, dy = c.Upstream!.Data;

        // ∂J/∂X = dY Wᵀ (4×3), ∂J/∂W = Xᵀ dY (3×5), by hand.
        for (int i = 0; i < 4; i++)
        {
            for (int k = 0; k < 3; k++)
            {
                double dx = 0;
                for (int j = 0; j < 5; j++)
                {
                    dx += dy[i * 5 + j] * w[k * 5 + j];
                }

                Assert.That(c.Gradients[0].Data[i * 3 + k], Is.EqualTo(dx).Within(1e-12));
            }
        }

        Assert.That(c.Gradients[1].Data[2 * 5 + 4], Is.EqualTo(Enumerable.Range(0, 4).Sum(i => x[i * 3 + 2] * dy[i * 5 + 4])).Within(1e-12));
    }

    [Test]
    public void Check_GoldenFilesAsThePort_PassesEveryCase()
    {
        Assert.That(Run("golden", "export", Dir).Exit, Is.EqualTo(0));

        var (exit, stdout, stderr) = Run("golden", "check", Dir, "--golden", Dir, "--require-all");

        Assert.That(exit, Is.EqualTo(0), stdout + stderr);
        int all = GoldenExport.All().Count; // every gradient-check case and the optimizers
        Assert.That(stdout, Does.Contain($"{all} passed, 0 failed, 0 not ported"));
        Assert.That(stdout.Split('\n').Count(l => l.Contains(" ok ")), Is.EqualTo(all), "one line per case");
    }

    [Test]
    public void Check_OneWrongGradientElement_ReportsTheCaseTheElementAndFails()
    {
        var (golden, port) = ExportGoldenAndEmptyPort();
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(golden, "sigmoid.json")))!;
        json["gradients"]![0]!["data"]![5] = 0.5; // a plain JSON number is accepted too
        File.WriteAllText(Path.Combine(port, "sigmoid.json"), json.ToJsonString());

        var (exit, stdout, _) = Run("golden", "check", port);

        Assert.That(exit, Is.EqualTo(1));
        Assert.That(stdout, Does.Match(@"sigmoid\s+FAIL\s+gradient 'x0'\[1,2\]: port 0\.5, golden"));
        Assert.That(stdout, Does.Contain($"0 passed, 1 failed, {GoldenExport.All().Count - 1} not ported"));
    }

    [Test]
    public void Check_FileHoldingAnotherCase_FailsNamingBoth()
    {
        var (golden, port) = ExportGoldenAndEmptyPort();
        File.Copy(Path.Combine(golden, "tanh.json"), Path.Combine(port, "sigmoid.json"));

        var (exit, stdout, _) = Run("golden", "check", port, "--golden", golden);

        Assert.That(exit, Is.EqualTo(1));
        Assert.That(stdout, Does.Match(@"sigmoid\s+FAIL\s+sigmoid\.json holds case 'tanh', not 'sigmoid'"));
    }

    [Test]
    public void Check_FileNamedAfterTheRawCaseName_IsNotedWithTheFileItShouldBe()
    {
        var (golden, port) = ExportGoldenAndEmptyPort();
        File.Copy(Path.Combine(golden, "sigmoid.json"), Path.Combine(port, "sigmoid.json"));
        File.Copy(Path.Combine(golden, "elu_alpha_0_5.json"), Path.Combine(port, "elu(alpha=0.5).json"));
        File.WriteAllText(Path.Combine(port, "notes.json"), "{}");

        var (exit, stdout, _) = Run("golden", "check", port, "--golden", golden);
        var (_, json, _) = Run("golden", "check", port, "--golden", golden, "--json");

        Assert.That(exit, Is.EqualTo(0), "sigmoid passes; the stray files are notes");
        Assert.That(stdout, Does.Contain("note: elu(alpha=0.5).json matches no case: case 'elu(alpha=0.5)' is read from elu_alpha_0_5.json"));
        Assert.That(stdout, Does.Contain("note: notes.json matches no case"));
        using var doc = JsonDocument.Parse(json);
        Assert.That(doc.RootElement.GetProperty("unmatched_files").GetArrayLength(), Is.EqualTo(2));
    }

    [Test]
    public void ExportAndCheck_Json_PrintTheIndexAndOneEntryPerCase()
    {
        var (exportExit, exportOut, _) = Run("golden", "export", Dir, "--json");
        Assert.That(exportExit, Is.EqualTo(0));
        using var index = JsonDocument.Parse(exportOut);
        int all = GoldenExport.All().Count;
        Assert.That(index.RootElement.GetProperty("cases").GetArrayLength(), Is.EqualTo(all));

        var (exit, stdout, stderr) = Run("golden", "check", Dir, "--golden", Dir, "--json");

        Assert.That(exit, Is.EqualTo(0), stderr);
        using var check = JsonDocument.Parse(stdout);
        Assert.That(check.RootElement.GetProperty("passed").GetInt32(), Is.EqualTo(all));
        Assert.That(check.RootElement.GetProperty("failed").GetInt32(), Is.EqualTo(0));
        Assert.That(check.RootElement.GetProperty("cases").EnumerateArray().All(c => c.GetProperty("status").GetString() == "ok"), Is.True);
    }

    [Test]
    public void Check_EmptyPortFolder_FailsBecauseNothingWasCompared()
    {
        Directory.CreateDirectory(Dir);

        Assert.That(Run("golden", "check", Dir).Exit, Is.EqualTo(1));
    }

    /// <summary>Exports the golden files to Dir/golden and creates an empty Dir/port.</summary>
    private (string Golden, string Port) ExportGoldenAndEmptyPort()
    {
        var golden = Path.Combine(Dir, "golden");
        var port = Path.Combine(Dir, "port");
        Assert.That(Run("golden", "export", golden).Exit, Is.EqualTo(0));
        Directory.CreateDirectory(port);
        return (golden, port);
    }

    [Test]
    public void Run_UnknownSubcommand_IsAUsageError()
        => Assert.That(Run("golden", "frobnicate", Dir).Exit, Is.EqualTo(2));
}

[TestFixture]
public class NumpyPortTests : CliTestBase
{
    private string _python = "";

    private static string Script => Path.Combine(ExternalTools.RepoRoot, "docs", "porting", "numpy_port.py");

    private static string PortingDoc => File.ReadAllText(Path.Combine(ExternalTools.RepoRoot, "docs", "porting.md"));

    [SetUp]
    public void RequireNumpy()
    {
        var (python, reason) = ExternalTools.PythonWith("numpy");
        if (python is null)
        {
            Assert.Ignore(reason);
        }

        _python = python;
    }

    [Test]
    public void NumpyPort_MatMulAndSigmoid_PassTheGoldenCheck()
    {
        var golden = Path.Combine(Dir, "golden");
        var port = Path.Combine(Dir, "port");
        Assert.That(Run("golden", "export", golden).Exit, Is.EqualTo(0));
        var py = ExternalTools.Run(_python, [Script, golden, port]);
        Assert.That(py.Exit, Is.EqualTo(0), py.Stderr);

        var (exit, stdout, stderr) = Run("golden", "check", port, "--golden", golden);

        Assert.That(exit, Is.EqualTo(0), stdout + stderr);
        Assert.That(stdout, Does.Match(@"matmul\s+ok"));
        Assert.That(stdout, Does.Match(@"sigmoid\s+ok"));
        Assert.That(stdout, Does.Contain("2 passed, 0 failed"));
        Assert.That(PortingDoc, Does.Contain(stdout.Split('\n').Single(l => l.Contains(" passed, ", StringComparison.Ordinal)).TrimEnd()), "docs/porting.md quotes this summary");
    }

    [Test]
    public void NumpyPort_TransposedMatMulGradient_IsReportedWithTheCaseAndTheError()
    {
        var golden = Path.Combine(Dir, "golden");
        var port = Path.Combine(Dir, "port");
        Assert.That(Run("golden", "export", golden).Exit, Is.EqualTo(0));
        var py = ExternalTools.Run(_python, [Script, golden, port, "--bug", "transposed-matmul-grad"]);
        Assert.That(py.Exit, Is.EqualTo(0), py.Stderr);

        var (exit, stdout, _) = Run("golden", "check", port, "--golden", golden);

        Assert.That(exit, Is.EqualTo(1));
        Assert.That(stdout, Does.Match(@"matmul\s+FAIL\s+gradient 'x1'\[\d,\d\]: port \S+, golden \S+, \|error\| \S+ >"));
        Assert.That(stdout, Does.Match(@"sigmoid\s+ok"));
        Assert.That(stdout, Does.Contain("1 passed, 1 failed"));
        Assert.That(PortingDoc, Does.Contain(stdout.Split('\n').Single(l => l.StartsWith("matmul", StringComparison.Ordinal)).TrimEnd()), "docs/porting.md quotes this line");
    }
}
