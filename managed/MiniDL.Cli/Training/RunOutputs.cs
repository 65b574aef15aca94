using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using MiniDL.Metrics;
using MiniDL.Plotting;

namespace MiniDL.Cli.Training;

/// <summary>The files one training run writes into its output folder.</summary>
/// <param name="Directory">The folder.</param>
/// <param name="Metrics">metrics.json: config, history, test metrics, confusion matrix, test predictions, backend, timings.</param>
/// <param name="LossPlot">loss.svg: train and validation loss per epoch.</param>
/// <param name="AccuracyPlot">accuracy.svg: train and validation accuracy per epoch.</param>
/// <param name="ConfusionPlot">confusion.svg: the test confusion matrix.</param>
/// <param name="Checkpoint">model.safetensors: the weights and the metadata to rebuild the model.</param>
public sealed record RunFiles(string Directory, string Metrics, string LossPlot, string AccuracyPlot, string ConfusionPlot, string Checkpoint)
{
    /// <summary>The file names inside <paramref name="directory"/>.</summary>
    /// <param name="directory">The output folder.</param>
    /// <returns>The paths.</returns>
    public static RunFiles In(string directory) => new(
        directory,
        Path.Combine(directory, "metrics.json"),
        Path.Combine(directory, "loss.svg"),
        Path.Combine(directory, "accuracy.svg"),
        Path.Combine(directory, "confusion.svg"),
        Path.Combine(directory, "model.safetensors"));

    /// <summary>The three plots, comma-separated (for the "plots:" line).</summary>
    public string PlotList => $"{LossPlot}, {AccuracyPlot}, {ConfusionPlot}";

    /// <summary>report.html: the run on one self-contained page (config, curves, confusion matrix, per-class metrics, model graph).</summary>
    public string Report => Path.Combine(Directory, "report.html");

    /// <summary>model-graph.svg: the trained model's computational graph on the first test rows, with its loss.</summary>
    public string ModelGraph => Path.Combine(Directory, "model-graph.svg");
}

/// <summary>Writes a training run's outputs and formats its reports (text and JSON, the latter with <see cref="Utf8JsonWriter"/>).</summary>
public static class RunOutputs
{
    /// <summary>Prefix of the staging folder a run's files are written into before they are moved into place.</summary>
    public const string StagingPrefix = ".minidl-incomplete-";

    /// <summary>
    /// Checks, before training, that the run's files can be written: <c>--out</c> is not a file, no folder stands
    /// where a file goes, and the folder can be created and written to.
    /// </summary>
    /// <param name="files">The run's files.</param>
    /// <exception cref="CliException">Any of these fails (a usage error: choose another <c>--out</c>).</exception>
    public static void CheckWritable(RunFiles files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var dir = files.Directory;
        if (File.Exists(dir))
        {
            throw new CliException($"--out '{dir}' is a file, not a folder; name a folder for the run's files.");
        }

        foreach (var path in new[] { files.Metrics, files.LossPlot, files.AccuracyPlot, files.ConfusionPlot, files.ModelGraph, files.Report, files.Checkpoint })
        {
            if (System.IO.Directory.Exists(path))
            {
                throw new CliException($"--out '{dir}': '{path}' is a folder, in the way of the file the run writes there; remove it or choose another --out.");
            }
        }

        bool existed = System.IO.Directory.Exists(dir);
        try
        {
            System.IO.Directory.CreateDirectory(dir);
            var probe = Path.Combine(dir, $"{StagingPrefix}probe-{Guid.NewGuid():N}");
            File.WriteAllText(probe, "");
            File.Delete(probe);
            if (!existed)
            {
                System.IO.Directory.Delete(dir);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"--out '{dir}' cannot be written: {e.Message}");
        }
    }

    /// <summary>
    /// Creates the output folder and writes metrics.json, the three SVG plots, model-graph.svg, report.html and the
    /// checkpoint as one set: all seven into a staging folder inside it first (<see cref="StagingPrefix"/>), then moved into place with the checkpoint
    /// last, so a run killed while writing leaves the previous run's files as they were (a staging folder left by a
    /// killed run is removed by the next write).
    /// </summary>
    /// <param name="result">The run.</param>
    /// <param name="model">The trained model.</param>
    public static void Write(TrainResult result, Layer model)
    {
        ArgumentNullException.ThrowIfNull(result);
        var files = result.Files;
        System.IO.Directory.CreateDirectory(files.Directory);
        RemoveStaleStaging(files.Directory);
        MiniDL.Checkpoints.SafeTensors.RemoveStaleTemporaries(files.Checkpoint);
        var staging = Path.Combine(files.Directory, StagingPrefix + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(staging);
        try
        {
            var staged = RunFiles.In(staging);
            WriteFiles(result, model, staged);
            foreach (var (from, to) in new[]
            {
                (staged.Metrics, files.Metrics), (staged.LossPlot, files.LossPlot), (staged.AccuracyPlot, files.AccuracyPlot),
                (staged.ConfusionPlot, files.ConfusionPlot), (staged.ModelGraph, files.ModelGraph), (staged.Report, files.Report),
                (staged.Checkpoint, files.Checkpoint),
            })
            {
                File.Move(from, to, overwrite: true);
            }
        }
        finally
        {
            try
            {
                System.IO.Directory.Delete(staging, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Left for the next run's RemoveStaleStaging.
            }
        }
    }

    /// <summary>Removes staging folders a killed run left in <paramref name="directory"/>.</summary>
    /// <param name="directory">The output folder.</param>
    public static void RemoveStaleStaging(string directory)
    {
        if (!System.IO.Directory.Exists(directory))
        {
            return;
        }

        foreach (var stale in System.IO.Directory.EnumerateFileSystemEntries(directory, StagingPrefix + "*"))
        {
            try
            {
                if (System.IO.Directory.Exists(stale))
                {
                    System.IO.Directory.Delete(stale, recursive: true);
                }
                else
                {
                    File.Delete(stale);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Another process may hold it; the next write tries again.
            }
        }
    }

    private static void WriteFiles(TrainResult result, Layer model, RunFiles files)
    {
        File.WriteAllText(files.Metrics, MetricsJson(result));
        var epochs = result.History.Epochs;
        var loss = new SvgLineChart($"{result.Options.Data.Name}: loss per epoch", "epoch", "loss");
        loss.AddSeries("train", epochs.Select(e => e.Loss).ToArray());
        if (epochs.Any(e => e.ValidationLoss is not null))
        {
            loss.AddSeries("validation", epochs.Select(e => e.ValidationLoss ?? double.NaN).ToArray());
        }

        loss.Save(files.LossPlot);
        var accuracy = new SvgLineChart($"{result.Options.Data.Name}: accuracy per epoch", "epoch", "accuracy");
        accuracy.AddSeries("train", epochs.Select(e => e.TrainAccuracy ?? double.NaN).ToArray());
        if (epochs.Any(e => e.ValidationAccuracy is not null))
        {
            accuracy.AddSeries("validation", epochs.Select(e => e.ValidationAccuracy ?? double.NaN).ToArray());
        }

        accuracy.Save(files.AccuracyPlot);
        File.WriteAllText(files.ConfusionPlot, SvgConfusionMatrix.Render(result.Confusion, result.Data.Test.ClassNames, $"{result.Options.Data.Name}: test confusion matrix"));
        var extra = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["train.optimizer"] = result.Options.Optimizer,
            ["train.lr"] = TrainOptions.Num(result.Options.LearningRate),
            ["train.batch"] = result.Options.Batch.ToString(CultureInfo.InvariantCulture),
            ["train.epochs"] = result.History.Epochs.Count.ToString(CultureInfo.InvariantCulture),
            ["train.backend"] = result.BackendName,
            ["train.test_accuracy"] = TrainOptions.Num(result.Test.Accuracy ?? double.NaN),
        };
        CheckpointMetadata.Save(files.Checkpoint, model, result.Spec, result.Options.Data, result.Data.Preprocessing, extra);
        var graph = ModelGraphSvg(result, model);
        File.WriteAllText(files.ModelGraph, graph);
        File.WriteAllText(files.Report, ReportHtml(result, loss.ToSvg(), accuracy.ToSvg(), File.ReadAllText(files.ConfusionPlot), graph));
    }

    /// <summary>Rows of the test set the model graph is drawn on.</summary>
    public const int GraphRows = 4;

    /// <summary>
    /// The trained model's computational graph (Lesson 7 "Neural Network", "Fully connected Network"): the first
    /// <see cref="GraphRows"/> test rows through the model in evaluation mode, then the softmax cross-entropy loss, run
    /// backward so small tensors show their gradients. The model's gradients are cleared afterwards.
    /// </summary>
    /// <param name="result">The run.</param>
    /// <param name="model">The trained model.</param>
    /// <returns>The SVG document.</returns>
    public static string ModelGraphSvg(TrainResult result, Layer model)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(model);
        var test = result.Data.Test.Count > 0 ? result.Data.Test : result.Data.Train;
        int rows = Math.Min(GraphRows, test.Count), d = test.FeatureCount, k = test.ClassCount;
        var oneHot = new double[rows * k];
        for (int i = 0; i < rows; i++)
        {
            oneHot[i * k + test.Labels[i]] = 1;
        }

        bool training = model.Training;
        model.Eval();
        try
        {
            var x = MiniDL.Autograd.Node.Constant(Tensor.FromArray(test.Features.AsSpan(0, rows * d), rows, d, model.Backend), "x");
            var y = MiniDL.Autograd.Node.Constant(Tensor.FromArray(oneHot, rows, k, model.Backend), "y");
            var lossNode = MiniDL.Autograd.Losses.SoftmaxCrossEntropy.Forward(model.Forward(x), y);
            lossNode.Name = "loss";
            lossNode.Backward();
            var svg = SvgGraph.Render(
                lossNode,
                string.Create(CultureInfo.InvariantCulture, $"{result.Options.Data.Name}: {result.Spec.Describe()} on {rows} test rows, with its loss"),
                inputsInFirstColumn: false);
            lossNode.ReleaseGraph();
            return svg;
        }
        finally
        {
            foreach (var p in model.Parameters())
            {
                p.ZeroGrad();
            }

            if (training)
            {
                model.Train();
            }
        }
    }

    /// <summary>The element ids report.html always has, in page order.</summary>
    public static readonly IReadOnlyList<string> ReportSections =
        ["summary", "config", "loss-curve", "accuracy-curve", "confusion-matrix", "per-class-metrics", "model-graph"];

    /// <summary>
    /// report.html: one self-contained page (inline SVG and CSS, no script, no network: its Content-Security-Policy
    /// forbids every fetch) with the run's summary, config, loss and accuracy curves, test confusion matrix, per-class
    /// precision / recall / F1 (Day 01, "Confusion Matrix") and the model graph.
    /// </summary>
    /// <param name="r">The run.</param>
    /// <param name="lossSvg">loss.svg's text.</param>
    /// <param name="accuracySvg">accuracy.svg's text.</param>
    /// <param name="confusionSvg">confusion.svg's text.</param>
    /// <param name="graphSvg">model-graph.svg's text.</param>
    /// <returns>The HTML document.</returns>
    public static string ReportHtml(TrainResult r, string lossSvg, string accuracySvg, string confusionSvg, string graphSvg)
    {
        ArgumentNullException.ThrowIfNull(r);
        var c = CultureInfo.InvariantCulture;
        var o = r.Options;
        var h = new StringBuilder();
        h.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
         .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n")
         .Append("<title>MiniDL run: ").Append(Html(o.Data.Name)).Append("</title>\n<style>\n")
         .Append("body{font-family:sans-serif;margin:2em;color:#222;max-width:1200px}table{border-collapse:collapse;margin:.5em 0}")
         .Append("th,td{border:1px solid #bbb;padding:.25em .6em;text-align:right}th:first-child,td:first-child{text-align:left}")
         .Append(".kv td{text-align:left}section{margin:1.5em 0}svg{max-width:100%;height:auto}.figure{overflow-x:auto}\n</style>\n</head>\n<body>\n")
         .Append("<h1>MiniDL training run: ").Append(Html(o.Data.Name)).Append("</h1>\n");

        h.Append("<section id=\"summary\"><h2>Summary</h2><table class=\"kv\">\n");
        Row(h, "model", r.Spec.Describe());
        Row(h, "parameters", r.ParameterCount.ToString(c));
        Row(h, "test accuracy", Fixed(r.Test.Accuracy));
        Row(h, "test loss", Fixed(r.Test.Loss));
        Row(h, "epochs run", r.History.Epochs.Count.ToString(c) + (r.History.StoppedEarly ? " (stopped early)" : ""));
        Row(h, "iterations", r.History.Iterations.ToString(c));
        Row(h, "seconds per epoch", Fixed(r.SecondsPerEpoch));
        Row(h, "backend", $"{r.BackendName} ({r.BackendDescription})");
        Row(h, "data", $"{r.Data.Train.Count} train / {r.Data.Validation.Count} validation / {r.Data.Test.Count} test, {r.Data.Train.FeatureCount} features, preprocessing {r.Data.Preprocessing.Kind}");
        h.Append("</table></section>\n");

        h.Append("<section id=\"config\"><h2>Config</h2><table class=\"kv\">\n");
        Row(h, "dataset", o.Data.CsvPath is null ? o.Data.Name : $"{o.Data.Name} ({o.Data.CsvPath})");
        Row(h, "hidden", string.Join(", ", o.Hidden.Select(x => x.ToString(c))));
        Row(h, "activation", o.ActivationName);
        Row(h, "optimizer", o.Optimizer);
        Row(h, "learning rate", TrainOptions.Num(o.LearningRate));
        Row(h, "schedule", o.Schedule);
        Row(h, "batch", TrainRun.BatchText(o.Batch));
        Row(h, "epochs", o.Epochs.ToString(c));
        Row(h, "L1 / L2", $"{TrainOptions.Num(o.L1)} / {TrainOptions.Num(o.L2)}");
        Row(h, "dropout", TrainOptions.Num(o.Dropout));
        Row(h, "batch norm", o.BatchNorm ? "yes" : "no");
        Row(h, "early stopping patience", o.Patience.ToString(c));
        Row(h, "augment / class weights", $"{(o.Augment ? "yes" : "no")} / {(o.ClassWeights ? "yes" : "no")}");
        Row(h, "seed", o.Seed.ToString(c));
        Row(h, "validation / test fractions", $"{TrainOptions.Num(o.Data.ValidationFraction)} / {TrainOptions.Num(o.Data.TestFraction)}");
        Row(h, "backend asked", o.Backend);
        h.Append("</table></section>\n");

        Figure(h, "loss-curve", "Loss per epoch", lossSvg);
        Figure(h, "accuracy-curve", "Accuracy per epoch", accuracySvg);
        Figure(h, "confusion-matrix", "Test confusion matrix (rows: actual class, columns: predicted)", confusionSvg);

        h.Append("<section id=\"per-class-metrics\"><h2>Per-class metrics (test)</h2><table>\n")
         .Append("<tr><th>class</th><th>precision</th><th>recall</th><th>F1</th><th>support</th></tr>\n");
        foreach (var s in r.Report.Classes.Append(r.Report.Macro).Append(r.Report.Micro))
        {
            h.Append("<tr><td>").Append(Html(s.Name)).Append("</td><td>").Append(Fixed(s.Precision)).Append("</td><td>")
             .Append(Fixed(s.Recall)).Append("</td><td>").Append(Fixed(s.F1)).Append("</td><td>")
             .Append(s.Support.ToString(c)).Append("</td></tr>\n");
        }

        h.Append("</table></section>\n");
        Figure(h, "model-graph", $"Model graph: the first {GraphRows} test rows through the trained model, with the loss (values green, gradients red)", graphSvg);
        h.Append("</body>\n</html>\n");
        return h.ToString();
    }

    private static void Row(StringBuilder h, string name, string value)
        => h.Append("<tr><th>").Append(Html(name)).Append("</th><td>").Append(Html(value)).Append("</td></tr>\n");

    private static void Figure(StringBuilder h, string id, string caption, string svg)
    {
        // An SVG file's XML declaration is not allowed inside HTML; the <svg> element itself is.
        int start = svg.IndexOf("<svg", StringComparison.Ordinal);
        h.Append("<section id=\"").Append(id).Append("\"><h2>").Append(Html(caption)).Append("</h2><div class=\"figure\">\n")
         .Append(start >= 0 ? svg[start..] : "").Append("\n</div></section>\n");
    }

    private static string Fixed(double? value)
        => value is { } v && double.IsFinite(v) ? v.ToString("F4", CultureInfo.InvariantCulture) : "n/a";

    private static string Html(string? text) => System.Net.WebUtility.HtmlEncode(text ?? "");

    /// <summary>The full metrics.json document.</summary>
    /// <param name="r">The run.</param>
    /// <returns>Indented JSON.</returns>
    public static string MetricsJson(TrainResult r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return Json(j =>
        {
            j.WriteStartObject();
            j.WriteString("dataset", r.Options.Data.Name);
            WriteConfig(j, r);
            j.WriteStartObject("backend");
            j.WriteString("name", r.BackendName);
            j.WriteString("description", r.BackendDescription);
            j.WriteEndObject();
            j.WriteStartObject("data");
            j.WriteNumber("train", r.Data.Train.Count);
            j.WriteNumber("validation", r.Data.Validation.Count);
            j.WriteNumber("test", r.Data.Test.Count);
            j.WriteNumber("features", r.Data.Train.FeatureCount);
            j.WriteString("preprocessing", r.Data.Preprocessing.Kind);
            j.WriteEndObject();
            j.WriteStartObject("model");
            j.WriteString("description", r.Spec.Describe());
            j.WriteNumber("parameters", r.ParameterCount);
            j.WriteEndObject();
            j.WriteStartArray("history");
            foreach (var e in r.History.Epochs)
            {
                j.WriteStartObject();
                j.WriteNumber("epoch", e.Epoch);
                j.WriteNumber("iterations", e.Iterations);
                Number(j, "trainLoss", e.Loss);
                Number(j, "trainAccuracy", e.TrainAccuracy);
                Number(j, "validationLoss", e.ValidationLoss);
                Number(j, "validationAccuracy", e.ValidationAccuracy);
                Number(j, "learningRate", e.LearningRate);
                Number(j, "seconds", e.Seconds);
                j.WriteEndObject();
            }

            j.WriteEndArray();
            j.WriteNumber("epochs", r.History.Epochs.Count);
            j.WriteNumber("iterations", r.History.Iterations);
            j.WriteBoolean("stoppedEarly", r.History.StoppedEarly);
            Number(j, "secondsPerEpoch", r.SecondsPerEpoch);
            Number(j, "totalSeconds", r.TotalSeconds);
            Number(j, "testAccuracy", r.Test.Accuracy);
            Number(j, "testLoss", r.Test.Loss);
            WriteReport(j, r.Report, r.Confusion);
            j.WriteStartArray("testPredictions");
            foreach (var p in r.Test.Predictions)
            {
                j.WriteNumberValue(p);
            }

            j.WriteEndArray();
            j.WriteEndObject();
        });
    }

    /// <summary>The one JSON object <c>minidl train --json</c> prints on stdout.</summary>
    /// <param name="r">The run.</param>
    /// <returns>Indented JSON.</returns>
    public static string SummaryJson(TrainResult r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return Json(j =>
        {
            j.WriteStartObject();
            j.WriteString("dataset", r.Options.Data.Name);
            Number(j, "testAccuracy", r.Test.Accuracy);
            Number(j, "testLoss", r.Test.Loss);
            j.WriteNumber("epochs", r.History.Epochs.Count);
            j.WriteNumber("iterations", r.History.Iterations);
            Number(j, "secondsPerEpoch", r.SecondsPerEpoch);
            Number(j, "totalSeconds", r.TotalSeconds);
            j.WriteString("backend", r.BackendName);
            j.WriteString("backendDescription", r.BackendDescription);
            j.WriteString("model", r.Spec.Describe());
            j.WriteNumber("parameters", r.ParameterCount);
            j.WriteBoolean("stoppedEarly", r.History.StoppedEarly);
            j.WriteString("outputDirectory", r.Files.Directory);
            j.WriteStartObject("files");
            j.WriteString("metrics", r.Files.Metrics);
            j.WriteString("loss", r.Files.LossPlot);
            j.WriteString("accuracy", r.Files.AccuracyPlot);
            j.WriteString("confusion", r.Files.ConfusionPlot);
            j.WriteString("checkpoint", r.Files.Checkpoint);
            j.WriteEndObject();
            j.WriteEndObject();
        });
    }

    /// <summary>Writes "classes" (per-class precision, recall, F1, support), "macro", "micro" and "confusionMatrix".</summary>
    /// <param name="j">The writer, inside an object.</param>
    /// <param name="report">The report.</param>
    /// <param name="confusion">The matrix.</param>
    public static void WriteReport(Utf8JsonWriter j, ClassificationReport report, ConfusionMatrix confusion)
    {
        ArgumentNullException.ThrowIfNull(j);
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(confusion);
        j.WriteStartArray("classes");
        foreach (var c in report.Classes)
        {
            WriteScores(j, c);
        }

        j.WriteEndArray();
        j.WritePropertyName("macro");
        WriteScores(j, report.Macro);
        j.WritePropertyName("micro");
        WriteScores(j, report.Micro);
        j.WriteStartArray("confusionMatrix");
        for (int a = 0; a < confusion.ClassCount; a++)
        {
            j.WriteStartArray();
            for (int p = 0; p < confusion.ClassCount; p++)
            {
                j.WriteNumberValue(confusion[a, p]);
            }

            j.WriteEndArray();
        }

        j.WriteEndArray();
    }

    /// <summary>Writes a number, or null when it is missing or not finite (JSON has no NaN).</summary>
    /// <param name="j">The writer.</param>
    /// <param name="name">The property name.</param>
    /// <param name="value">The value.</param>
    public static void Number(Utf8JsonWriter j, string name, double? value)
    {
        ArgumentNullException.ThrowIfNull(j);
        if (value is { } v && double.IsFinite(v))
        {
            j.WriteNumber(name, v);
        }
        else
        {
            j.WriteNull(name);
        }
    }

    /// <summary>Builds a JSON document with <paramref name="write"/> (indented UTF-8).</summary>
    /// <param name="write">Writes the document.</param>
    /// <returns>The text.</returns>
    public static string Json(Action<Utf8JsonWriter> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        using var stream = new MemoryStream();
        using (var j = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            write(j);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteScores(Utf8JsonWriter j, ClassScores c)
    {
        j.WriteStartObject();
        j.WriteString("name", c.Name);
        Number(j, "precision", c.Precision);
        Number(j, "recall", c.Recall);
        Number(j, "f1", c.F1);
        Number(j, "specificity", c.Specificity);
        Number(j, "npv", c.NegativePredictiveValue);
        Number(j, "fBeta", c.FBeta);
        Number(j, "beta", c.Beta);
        j.WriteNumber("support", c.Support);
        j.WriteEndObject();
    }

    private static void WriteConfig(Utf8JsonWriter j, TrainResult r)
    {
        var o = r.Options;
        j.WriteStartObject("config");
        j.WriteString("dataset", o.Data.Name);
        j.WriteString("kind", o.Data.Kind);
        if (o.Data.CsvPath is not null)
        {
            j.WriteString("csvPath", o.Data.CsvPath);
        }

        j.WriteStartArray("hidden");
        foreach (var h in o.Hidden)
        {
            j.WriteNumberValue(h);
        }

        j.WriteEndArray();
        j.WriteString("activation", o.ActivationName);
        j.WriteString("optimizer", o.Optimizer);
        j.WriteNumber("lr", o.LearningRate);
        j.WriteString("schedule", o.Schedule);
        j.WriteNumber("batch", o.Batch);
        j.WriteString("batchMode", TrainRun.BatchText(o.Batch));
        j.WriteNumber("epochs", o.Epochs);
        j.WriteNumber("l1", o.L1);
        j.WriteNumber("l2", o.L2);
        j.WriteNumber("dropout", o.Dropout);
        j.WriteBoolean("batchnorm", o.BatchNorm);
        j.WriteNumber("earlyStopping", o.Patience);
        j.WriteString("trainAccuracy", o.TrainAccuracyFrom == TrainAccuracySource.TrainingBatches ? "batches" : "pass");
        j.WriteString("features", o.KeepFeaturesOnDevice switch { true => "kept", false => "host", null => "auto" });
        j.WriteBoolean("augment", o.Augment);
        j.WriteBoolean("classWeights", o.ClassWeights);
        j.WriteNumber("maxout", o.Maxout);
        j.WriteString("init", o.Initializer ?? "default");
        j.WriteString("loss", o.Loss);
        j.WriteNumber("elasticLambda", o.ElasticLambda);
        j.WriteNumber("elasticBeta", o.ElasticBeta);
        j.WriteNumber("clipNorm", o.ClipNorm);
        j.WriteNumber("clipValue", o.ClipValue);
        j.WriteString("sampling", o.Sampling);
        j.WriteNumber("beta", o.Beta);
        j.WriteNumber("seed", o.Seed);
        j.WriteNumber("validation", o.Data.ValidationFraction);
        j.WriteNumber("test", o.Data.TestFraction);
        j.WriteString("backend", o.Backend);
        j.WriteEndObject();
    }
}
