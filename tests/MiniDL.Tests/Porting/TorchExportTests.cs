using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using MiniDL.Autograd.Activations;
using MiniDL.Backends;
using MiniDL.Layers;
using MiniDL.Porting;
using MiniDL.Tests.TestSupport;

namespace MiniDL.Tests.Porting;

[TestFixture]
public class TorchExportTests : CliTestBase
{
    [Test]
    public void StateDict_MlpWithBatchNorm_HasPyTorchsNamesAndLayouts()
    {
        var model = Sequential.Mlp([4, 3, 2], Activation.LeakyRelu, seed: 1, backend: ReferenceBackend.Instance, dropout: 0.2, batchNorm: true);

        var state = TorchExport.StateDict(model);

        Assert.That(TorchExport.Modules(model), Is.EqualTo(new[] { "Linear(4, 3)", "BatchNorm1d(3, eps=1E-05, momentum=0.1)", "LeakyReLU(negative_slope=0.1)", "Dropout(p=0.2)", "Linear(3, 2)" }));
        Assert.That(state.Select(t => t.Name), Is.EqualTo(new[] { "0.weight", "0.bias", "1.weight", "1.bias", "1.running_mean", "1.running_var", "1.num_batches_tracked", "4.weight", "4.bias" }));
        Assert.That(state[0].Shape, Is.EqualTo(new[] { 3, 4 }), "outputs × inputs");
        Assert.That(state[1].Shape, Is.EqualTo(new[] { 3 }), "a vector");
        Assert.That(state[6].DType, Is.EqualTo("I64"));
        var w = ((Linear)model.Layers[0]).Weight.Value.ToArray(); // inputs × outputs
        Assert.That(state[0].Data[2 * 4 + 1], Is.EqualTo(w[1 * 3 + 2]), "weight[out=2, in=1] = W[in=1, out=2]");
    }

    [Test]
    public void Serialize_WritesAValidSafetensorsHeader()
    {
        var bytes = TorchExport.Serialize([new("a", [2], [1.5, -2], "F32"), new("n", [], [7], "I64")], new Dictionary<string, string> { ["k"] = "v" });

        var n = (int)BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        Assert.That(n % 8, Is.EqualTo(0));
        using var header = JsonDocument.Parse(Encoding.UTF8.GetString(bytes, 8, n));
        Assert.That(header.RootElement.GetProperty("__metadata__").GetProperty("k").GetString(), Is.EqualTo("v"));
        Assert.That(header.RootElement.GetProperty("n").GetProperty("data_offsets")[0].GetInt32(), Is.EqualTo(8));
        Assert.That(BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(8 + n + 4)), Is.EqualTo(-2f));
        Assert.That(BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(8 + n + 8)), Is.EqualTo(7));
        Assert.That(bytes.Length, Is.EqualTo(8 + n + 16));
    }

    [Test]
    public void Run_NotACheckpoint_FailsWithExitCode1()
    {
        Directory.CreateDirectory(Dir);
        File.WriteAllText(Path.Combine(Dir, "x.safetensors"), "nope");

        var (exit, _, stderr) = Run("export", Path.Combine(Dir, "x.safetensors"), "--to", "torch");

        Assert.That(exit, Is.EqualTo(1));
        Assert.That(stderr, Does.StartWith("minidl export:"));
    }

    [Test]
    public void Run_CheckpointIsAFolder_FailsNamingTheFileToPass()
    {
        Directory.CreateDirectory(Dir);

        var (exit, _, stderr) = Run("export", Dir, "--to", "torch");

        Assert.That(exit, Is.EqualTo(1));
        Assert.That(stderr, Does.Contain("is a folder; name the model.safetensors file inside it"));
    }

    [Test]
    public void Run_CheckpointMissing_FailsSayingItDoesNotExist()
    {
        var (exit, _, stderr) = Run("export", Path.Combine(Dir, "nope", "model.safetensors"), "--to", "torch");

        Assert.That(exit, Is.EqualTo(1));
        Assert.That(stderr, Does.Contain("does not exist").And.Contain("minidl train writes one"));
    }

    [Test]
    public void Run_Json_PrintsTheFileWrittenAndTheModules()
    {
        var (trainExit, _, trainErr) = Run("train", "xor", "--epochs", "1", "--seed", "5", "--backend", "reference", "--out", Dir);
        Assert.That(trainExit, Is.EqualTo(0), trainErr);
        var exported = Path.Combine(Dir, "xor.torch.safetensors");

        var (exit, stdout, stderr) = Run("export", Path.Combine(Dir, "model.safetensors"), "--to", "torch", "--out", exported, "--json");

        Assert.That(exit, Is.EqualTo(0), stderr);
        using var doc = JsonDocument.Parse(stdout);
        Assert.That(doc.RootElement.GetProperty("wrote").GetString(), Is.EqualTo(exported));
        Assert.That(doc.RootElement.GetProperty("dtype").GetString(), Is.EqualTo("f32"));
        Assert.That(doc.RootElement.GetProperty("modules")[0].GetString(), Does.StartWith("Linear(2, "));
        Assert.That(doc.RootElement.GetProperty("test_split").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(File.Exists(exported), Is.True);
    }

    [Test]
    public void Run_UnknownTarget_IsAUsageError()
        => Assert.That(Run("export", "m.safetensors", "--to", "onnx").Exit, Is.EqualTo(2));

    [TestCase(false)]
    [TestCase(true)]
    public void PyTorch_LoadsTheExportAndPredictsLikeMinidlOnTheDigitsTestSplit(bool batchNorm)
    {
        var (python, reason) = ExternalTools.PythonWith("numpy", "torch");
        if (python is null)
        {
            Assert.Ignore(reason);
        }

        string[] extra = batchNorm ? ["--batchnorm"] : [];
        var (trainExit, _, trainErr) = Run(["train", "digits", "--epochs", "2", "--hidden", "32", "--seed", "5", "--backend", "reference", "--out", Dir, .. extra]);
        Assert.That(trainExit, Is.EqualTo(0), trainErr);
        var checkpoint = Path.Combine(Dir, "model.safetensors");
        var (evalExit, evalOut, evalErr) = Run("eval", checkpoint, "--backend", "reference", "--json");
        Assert.That(evalExit, Is.EqualTo(0), evalErr);
        using var eval = JsonDocument.Parse(evalOut);
        var expected = eval.RootElement.GetProperty("predictions").EnumerateArray().Select(e => e.GetInt32()).ToArray();
        var exported = Path.Combine(Dir, "model.torch.safetensors");
        var split = Path.Combine(Dir, "test_split.safetensors");
        var (exit, _, stderr) = Run("export", checkpoint, "--to", "torch", "--dtype", "f64", "--out", exported, "--test-split", split);
        Assert.That(exit, Is.EqualTo(0), stderr);

        var py = ExternalTools.Run(python, [Path.Combine(ExternalTools.RepoRoot, "docs", "porting", "torch_load.py"), exported, split]);

        Assert.That(py.Exit, Is.EqualTo(0), py.Stderr);
        var actual = JsonSerializer.Deserialize<int[]>(py.Stdout.Trim().Split('\n')[^1]);
        Assert.That(expected, Is.Not.Empty);
        Assert.That(actual, Is.EqualTo(expected));
    }
}
