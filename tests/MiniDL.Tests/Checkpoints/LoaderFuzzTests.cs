using System.Text;
using MiniDL.Checkpoints;
using MiniDL.Cli.Training;
using MiniDL.Tests.TestSupport;

namespace MiniDL.Tests.Checkpoints;

/// <summary>Seeded fuzzing of the safetensors reader and of checkpoint metadata (issue 12).</summary>
[TestFixture]
public class LoaderFuzzTests
{
    private static readonly Dictionary<string, string> ValidMetadata = new(StringComparer.Ordinal)
    {
        ["format"] = CheckpointMetadata.Format,
        ["model.sizes"] = "2,4,2",
        ["model.activation"] = "tanh",
        ["model.dropout"] = "0",
        ["model.batchnorm"] = "false",
        ["model.seed"] = "0",
        ["classes"] = "[\"0\",\"1\"]",
        ["data.kind"] = "xor",
        ["data.name"] = "xor",
        ["data.label_column"] = "-1",
        ["data.header"] = "false",
        ["data.validation_fraction"] = "0.1",
        ["data.test_fraction"] = "0.2",
        ["data.seed"] = "0",
        ["preprocess.kind"] = "standardize",
        ["preprocess.divisor"] = "1",
        ["preprocess.mean"] = "0.5,0.5",
        ["preprocess.std"] = "0.5,0.5",
    };

    private static readonly byte[][] SafeTensorsSeeds =
    [
        SafeTensors.Serialize([new NamedArray("0.W", [2, 4], [1, 2, 3, 4, 5, 6, 7, 8]), new NamedArray("0.b", [1, 4], [0, 0, 0, 1])], ValidMetadata),
        SafeTensors.Serialize([new NamedArray("w", [3], [1, 2, 3], SafeTensorsDType.F32)]),
        SafeTensors.Serialize([new NamedArray("empty", [0, 5], [])]),
    ];

    /// <summary>JSON-level mutation of the header: a number or string replaced by a hostile one.</summary>
    private static byte[] HeaderEdit(Random random, byte[] bytes)
    {
        if (bytes.Length < 8)
        {
            return bytes;
        }

        var text = Encoding.Latin1.GetString(bytes);
        string[] from = ["[2, 4]", "[2,4]", "\"F64\"", "\"F32\"", "[0,", "64]", "\"shape\"", "\"data_offsets\"", "\"__metadata__\"", "4]"];
        string[] to = ["[4294967296]", "[-1]", "[\"2\"]", "[2147483647,2147483647]", "[\"a\",", "1e400]", "\"shape\":[],\"x\"", "null", "\"__metadata__\":{\"a\":1},\"y\"", "[0,9223372036854775807]", "{}", "[1.5]"];
        var f = from[random.Next(from.Length)];
        int at = text.IndexOf(f, StringComparison.Ordinal);
        return at < 0 ? bytes : Encoding.Latin1.GetBytes(text[..at] + to[random.Next(to.Length)] + text[(at + f.Length)..]);
    }

    [Test]
    public void SafeTensors_TenThousandMutations_LoadOrInvalidData()
    {
        var (loaded, rejected) = Fuzz.Run<InvalidDataException>(1205, SafeTensorsSeeds, input =>
        {
            var content = SafeTensors.Parse(input, "fuzz.safetensors");
            if (!content.Tensors.All(t => t.Data.LongLength == t.Shape.Aggregate(1L, (a, d) => a * d)))
            {
                Assert.Fail("a tensor's values differ from its shape");
            }
        }, HeaderEdit);
        Assert.That(loaded, Is.GreaterThan(0));
        Assert.That(rejected, Is.GreaterThan(0));
    }

    /// <summary>Extra mutation for metadata: one value replaced by a hostile one.</summary>
    private static byte[] ValueEdit(Random random, byte[] bytes)
    {
        var lines = Encoding.UTF8.GetString(bytes).Split('\n').ToList();
        string[] hostile = ["", "2147483648", "-1", "64,2000000000,10", "1e400", "NaN", "[1]", "{}", "[\"a\"]", ",", "2,,2", "true", "0x10", "2,4,2,4,2", "-0", "1,2000000,2000000,2"];
        int i = random.Next(lines.Count);
        int eq = lines[i].IndexOf('=');
        if (eq >= 0)
        {
            lines[i] = lines[i][..(eq + 1)] + hostile[random.Next(hostile.Length)];
        }
        else
        {
            lines.RemoveAt(i);
        }

        return Encoding.UTF8.GetBytes(string.Join('\n', lines));
    }

    [Test]
    public void CheckpointMetadata_TenThousandMutations_ReadOrInvalidData()
    {
        var seed = Encoding.UTF8.GetBytes(string.Join('\n', ValidMetadata.Select(p => $"{p.Key}={p.Value}")));
        var (loaded, rejected) = Fuzz.Run<InvalidDataException>(1206, [seed], input =>
        {
            var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var line in Encoding.UTF8.GetString(input).Split('\n'))
            {
                int eq = line.IndexOf('=');
                if (eq > 0)
                {
                    metadata[line[..eq]] = line[(eq + 1)..];
                }
            }

            var spec = CheckpointMetadata.ReadSpec(metadata);
            if (ModelBudget.Problem(spec.Sizes) is { } problem)
            {
                throw new InvalidDataException(problem);
            }

            Preprocessing.FromMetadata(metadata);
            DataRequest.FromMetadata(metadata, "xor", null);
        }, ValueEdit);
        Assert.That(loaded, Is.GreaterThan(0));
        Assert.That(rejected, Is.GreaterThan(0));
    }
}
