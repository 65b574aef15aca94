using MiniDL.Checkpoints;
using MiniDL.Metrics;

namespace MiniDL.Cli.Commands;

/// <summary>
/// <c>minidl eval CHECKPOINT [DATASET] [--backend B] [--data DIR] [--json]</c>: rebuild the model a
/// <c>minidl train</c> checkpoint describes (its metadata), load the weights, and score it on the data set's test
/// split: the same seeded split, the same preprocessing numbers (standardizer μ and σ) as in training, so the
/// predictions are bit-identical to the trained model's on the same backend. DATASET defaults to the one trained on.
/// </summary>
public sealed class EvalCommand() : Command("eval", "score a saved checkpoint on a data set's test split", Table)
{
    /// <summary>The option table of this command (drives the parser and the help).</summary>
    public static CommandHelp Table { get; } = new(
        "eval CHECKPOINT [DATASET] [--options]",
        "Rebuild the model of a minidl train checkpoint and score it on the data set's test split (the same seeded split and\n"
        + "preprocessing as in training): every Day 01 metric per class and macro/micro, and the confusion matrix.\n"
        + "DATASET defaults to the one trained on.",
        [
            new("beta", OptionKind.Number, "1", "the β of the F-beta score printed beside F1") { Min = 0, MinExclusive = true },
            new("backend", OptionKind.Choice, "$MINIDL_BACKEND, else auto", "where the numbers are computed") { Choices = TrainOptions.BackendNames },
            new("data", OptionKind.Path, "the installed data set", "fashion-mnist: the folder of its files"),
            new("json", OptionKind.Flag, "", "print one JSON object with every metric and the predictions"),
        ],
        ["eval runs/digits/model.safetensors", "eval runs/iris/model.safetensors --beta 2 --json"]);

    /// <inheritdoc/>
    protected override int Execute(CliArgs args, TextWriter stdout, TextWriter stderr)
    {
        bool json = args.Flag("json");
        double beta = args.Double("beta", 1);
        var backendName = TrainOptions.CheckedBackend(args.String("backend"));
        var dataDirectory = args.String("data");
        args.RejectUnknown();
        if (args.Positionals.Count is < 1 or > 2)
        {
            throw new CliException($"usage: minidl {Table.Usage} (minidl help eval lists the options).");
        }

        TrainOptions.Require(TrainOptions.BackendNames.Contains(backendName), "backend", $"unknown '{backendName}' (use {string.Join(", ", TrainOptions.BackendNames)})");
        var path = args.Positionals[0];
        try
        {
            CheckpointFile.Require(path);
            var content = SafeTensors.Load(path);
            var spec = CheckpointMetadata.ReadSpec(content.Metadata);

            var dataset = args.Positionals.Count == 2
                ? args.Positionals[1]
                : content.Metadata.TryGetValue("data.csv_path", out var csv) ? csv : CheckpointMetadata.Get(content.Metadata, "data.kind");
            var request = DataRequest.FromMetadata(content.Metadata, dataset, dataDirectory);
            var data = PreparedData.Load(request, Preprocessing.FromMetadata(content.Metadata));
            if (data.Test.FeatureCount != spec.Sizes[0] || data.Test.ClassCount != spec.Sizes[^1])
            {
                throw new CommandFailedException(
                    $"checkpoint '{path}' takes {spec.Sizes[0]} features and {spec.Sizes[^1]} classes; '{dataset}' has {data.Test.FeatureCount} and {data.Test.ClassCount}.");
            }

            var backendLine = new StringWriter();
            var (backend, description) = BackendChoice.Resolve(backendName, backendLine);
            var model = spec.Build(backend);
            CheckpointCheck.Verify(ModelState.ToNamedArrays(model), content.Tensors, path);
            ModelState.Load(model, content.Tensors);
            stderr.Write(backendLine.ToString()); // only once the checkpoint is known good: an error stays one line
            var test = TrainRun.Evaluate(model, data.Test);
            var confusion = new ConfusionMatrix(data.Test.Labels, test.Predictions, data.Test.ClassCount);
            var report = ClassificationReport.From(confusion, data.Test.ClassNames, beta);
            if (json)
            {
                stdout.WriteLine(RunOutputs.Json(j =>
                {
                    j.WriteStartObject();
                    j.WriteString("checkpoint", path);
                    j.WriteString("dataset", request.Name);
                    j.WriteString("model", spec.Describe());
                    j.WriteString("backend", backend.Name);
                    j.WriteString("backendDescription", description);
                    j.WriteNumber("samples", data.Test.Count);
                    RunOutputs.Number(j, "testAccuracy", test.Accuracy);
                    RunOutputs.Number(j, "testLoss", test.Loss);
                    RunOutputs.WriteReport(j, report, confusion);
                    j.WriteStartArray("predictions");
                    foreach (var p in test.Predictions)
                    {
                        j.WriteNumberValue(p);
                    }

                    j.WriteEndArray();
                    j.WriteEndObject();
                }));
            }
            else
            {
                long correct = Enumerable.Range(0, confusion.ClassCount).Sum(k => confusion[k, k]);
                stdout.WriteLine($"checkpoint: {path} ({spec.Describe()})");
                stdout.WriteLine($"data: {request.Name}, test split of {data.Test.Count} samples (seed {request.Seed})");
                stdout.WriteLine();
                stdout.Write(report.ToText());
                stdout.WriteLine();
                stdout.WriteLine("confusion matrix (test):");
                stdout.Write(confusion.ToText(data.Test.ClassNames));
                stdout.WriteLine();
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"test loss: {test.Loss:F6}"));
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"test accuracy: {(test.Accuracy ?? 0) * 100:F1}% ({correct}/{data.Test.Count})"));
            }

            return 0;
        }
        catch (Exception e) when (TrainCommand.IsDataOrEnvironmentFailure(e) || e is ArgumentException)
        {
            stderr.WriteLine($"minidl eval: {e.Message}");
            return 1;
        }
    }
}
