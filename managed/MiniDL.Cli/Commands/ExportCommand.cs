using MiniDL.Checkpoints;
using MiniDL.Porting;

namespace MiniDL.Cli.Commands;

/// <summary>
/// <c>minidl export CHECKPOINT --to torch [--out FILE] [--dtype f32|f64] [--test-split FILE]</c>: writes a
/// <c>minidl train</c> checkpoint as the safetensors state_dict of the equivalent PyTorch <c>nn.Sequential</c>
/// (<see cref="TorchExport"/>; loading it takes ten lines of PyTorch, docs/porting.md). The checkpoint's metadata
/// (architecture, class names, preprocessing μ and σ) is copied, plus "torch.modules".
/// </summary>
/// <remarks>
/// <c>--test-split FILE</c> also writes the preprocessed test split the checkpoint was scored on (safetensors "x", F64
/// n × features, and "labels", I64), so that PyTorch's predictions can be compared with <c>minidl eval</c>'s.
/// Exit code 0 on success, 1 when the checkpoint cannot be read, 2 for a usage error.
/// </remarks>
public sealed class ExportCommand() : Command("export", "write a checkpoint as a PyTorch nn.Sequential state_dict (export CKPT --to torch)", Table)
{
    /// <summary>The option table of this command (drives the parser and the help).</summary>
    public static CommandHelp Table { get; } = new(
        "export CHECKPOINT --to torch [--out FILE] [--dtype f32|f64] [--test-split FILE] [--json]",
        "Write a MiniDL checkpoint as a PyTorch nn.Sequential state_dict in safetensors (N.weight as outputs × inputs, N.bias, batch-norm buffers); docs/porting.md shows the PyTorch lines that load it.",
        [
            new("to", OptionKind.Choice, "torch", "the target framework") { Choices = ["torch"] },
            new("out", OptionKind.Path, "CHECKPOINT's name + .torch.safetensors", "the file to write"),
            new("dtype", OptionKind.Choice, "f32", "the element type of the tensors written") { Choices = ["f32", "f64"] },
            new("test-split", OptionKind.Path, "none", "also write the checkpoint's test split (x, labels) to this safetensors file"),
            new("json", OptionKind.Flag, "", "print one JSON object (the files written, the modules, the element type)"),
        ],
        ["export runs/digits/model.safetensors --to torch", "export runs/digits/model.safetensors --to torch --dtype f64 --test-split test.safetensors"]);

    /// <inheritdoc/>
    protected override int Execute(CliArgs args, TextWriter stdout, TextWriter stderr)
    {
        var to = args.String("to", "torch");
        var dtype = (args.String("dtype", "f32") ?? "f32").ToUpperInvariant();
        var outPath = args.String("out");
        var testSplit = args.String("test-split");
        bool json = args.Flag("json");
        args.RejectUnknown();
        if (args.Positionals.Count != 1)
        {
            throw new CliException("usage: minidl export CHECKPOINT --to torch [--out FILE] [--dtype f32|f64] [--test-split FILE].");
        }

        if (to != "torch")
        {
            throw new CliException($"--to: unknown target '{to}' (only 'torch').");
        }

        if (dtype is not ("F32" or "F64"))
        {
            throw new CliException($"--dtype: '{dtype.ToLowerInvariant()}' is not f32 or f64.");
        }

        var path = args.Positionals[0];
        outPath ??= Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".", Path.GetFileNameWithoutExtension(path) + ".torch.safetensors");
        try
        {
            CheckpointFile.Require(path);
            var content = SafeTensors.Load(path);
            var spec = CheckpointMetadata.ReadSpec(content.Metadata);
            var model = spec.Build(ReferenceBackend.Instance);
            ModelState.Load(model, content.Tensors);
            TorchExport.Save(outPath, model, dtype, content.Metadata);
            var modules = TorchExport.Modules(model).ToList();
            if (!json)
            {
                stdout.WriteLine($"wrote {outPath}: nn.Sequential({string.Join(", ", modules)}), {dtype.ToLowerInvariant()}");
            }

            if (testSplit is not null)
            {
                var dataset = content.Metadata.TryGetValue("data.csv_path", out var csv) ? csv : CheckpointMetadata.Get(content.Metadata, "data.kind");
                var data = PreparedData.Load(DataRequest.FromMetadata(content.Metadata, dataset, null), Preprocessing.FromMetadata(content.Metadata));
                var test = data.Test;
                File.WriteAllBytes(testSplit, TorchExport.Serialize(
                    [
                        new TorchExport.TorchTensor("x", [test.Count, test.FeatureCount], test.Features, "F64"),
                        new TorchExport.TorchTensor("labels", [test.Count], test.Labels.Select(l => (double)l).ToArray(), "I64"),
                    ],
                    new Dictionary<string, string> { ["dataset"] = dataset }));
                if (!json)
                {
                    stdout.WriteLine($"wrote {testSplit}: the preprocessed test split ({test.Count} × {test.FeatureCount})");
                }
            }

            if (json)
            {
                stdout.WriteLine(Json(outPath, modules, dtype, testSplit));
            }

            return 0;
        }
        catch (Exception e) when (e is InvalidDataException or IOException or ArgumentException or NotSupportedException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"minidl export: {e.Message}");
            return 1;
        }
    }

    /// <summary>The <c>--json</c> document.</summary>
    private static string Json(string outPath, IReadOnlyList<string> modules, string dtype, string? testSplit)
        => JsonText.Object(w =>
        {
            w.WriteString("wrote", outPath);
            w.WriteString("dtype", dtype.ToLowerInvariant());
            JsonText.Strings(w, "modules", modules);
            if (testSplit is null)
            {
                w.WriteNull("test_split");
            }
            else
            {
                w.WriteString("test_split", testSplit);
            }
        });
}
