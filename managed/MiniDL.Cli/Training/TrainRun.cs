using System.Diagnostics;
using MiniDL.Autograd.Losses;
using MiniDL.Metrics;
using MiniDL.Regularization;
using MiniDL.Schedules;

namespace MiniDL.Cli.Training;

/// <summary>Everything one <c>minidl train</c> run produced.</summary>
/// <param name="Options">The options.</param>
/// <param name="Data">The prepared data.</param>
/// <param name="Spec">The model's architecture.</param>
/// <param name="History">Per-epoch reports.</param>
/// <param name="Test">Test loss, accuracy and predictions.</param>
/// <param name="Confusion">Test confusion matrix.</param>
/// <param name="Report">Per-class precision, recall and F1 on the test part.</param>
/// <param name="BackendName">reference, cpu or cuda.</param>
/// <param name="BackendDescription">BackendRegistry.Describe's line.</param>
/// <param name="ParameterCount">Learnable values in the model.</param>
/// <param name="TotalSeconds">Wall-clock seconds of training (all epochs).</param>
/// <param name="Files">The files written to the output folder.</param>
public sealed record TrainResult(
    TrainOptions Options,
    PreparedData Data,
    CheckpointMetadata.ModelSpec Spec,
    TrainingHistory History,
    Evaluation Test,
    ConfusionMatrix Confusion,
    ClassificationReport Report,
    string BackendName,
    string BackendDescription,
    long ParameterCount,
    double TotalSeconds,
    RunFiles Files)
{
    /// <summary>Mean seconds per epoch (0 when no epoch ran).</summary>
    public double SecondsPerEpoch => History.Epochs.Count == 0 ? 0 : History.Epochs.Average(e => e.Seconds);
}

/// <summary>
/// One training run of <c>minidl train</c>: load and split the data, build the MLP, train it with the chosen optimizer,
/// schedule, regularization and batch mode (<see cref="Trainer"/>), score it on the test part, write the outputs.
/// </summary>
public static class TrainRun
{
    /// <summary>Runs the whole thing.</summary>
    /// <param name="options">The parsed options.</param>
    /// <param name="progress">Where progress lines go (stdout, or stderr with <c>--json</c>).</param>
    /// <param name="log">Where the backend line goes (stderr).</param>
    /// <returns>The result.</returns>
    /// <exception cref="CommandFailedException">The backend is not available.</exception>
    /// <exception cref="MiniDL.Data.DatasetNotFoundException">The data set is not installed.</exception>
    public static TrainResult Execute(TrainOptions options, TextWriter progress, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(progress);
        // Everything is checked before any work starts: the output folder, the data, the model's size.
        var files = RunFiles.In(options.OutputDirectory);
        RunOutputs.CheckWritable(files);
        if (File.Exists(files.Checkpoint))
        {
            progress.WriteLine($"note: {options.OutputDirectory} holds an earlier run; this run replaces its files when it ends (--out names another folder).");
        }

        var data = PreparedData.Load(options.Data, augment: options.Augment);
        data.CheckTrainable(options.Data);
        if (data.DroppedRows.Count > 0)
        {
            progress.WriteLine($"--drop-bad-rows: left out {data.DroppedRows.Count} row(s): {string.Join("; ", data.DroppedRows.Take(10))}{(data.DroppedRows.Count > 10 ? "; …" : "")}");
        }

        var sizes = options.LayerSizes(data.Train.FeatureCount, data.Train.ClassCount);
        CheckModelSize(sizes, options, data);
        var (backend, description) = BackendChoice.Resolve(options.Backend, log);
        var spec = new CheckpointMetadata.ModelSpec(
            sizes, options.ActivationName, options.Dropout, options.BatchNorm, options.Seed, data.Train.ClassNames, options.Initializer, options.Maxout);
        var model = spec.Build(backend);
        progress.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{options.Data.Name}: {data.Train.Count} train / {data.Validation.Count} validation / {data.Test.Count} test samples, {data.Train.FeatureCount} features, {data.Train.ClassCount} classes"));
        progress.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"model: {spec.Describe()}, {model.ParameterCount} parameters; {options.Optimizer} lr {options.LearningRate}, {BatchText(options.Batch)}, {options.Epochs} epochs, backend {backend.Name}"));

        var train = options.Sampling switch
        {
            "over" => MiniDL.Data.Sampling.RandomOverSample(data.Train, options.Seed),
            "under" => MiniDL.Data.Sampling.RandomUnderSample(data.Train, options.Seed),
            _ => data.Train,
        };
        if (options.Sampling != "none")
        {
            progress.WriteLine($"sampling: random {options.Sampling}-sampling, {data.Train.Count} → {train.Count} training samples");
        }

        if (SettingsText(options) is { Length: > 0 } settings)
        {
            progress.WriteLine("training: " + settings);
        }

        var optimizer = Optimizer.FromName(options.Optimizer, model.Parameters(), options.LearningRate);
        var trainer = new Trainer(model, optimizer)
        {
            Mode = options.Batch switch { 0 => BatchMode.BatchGD, 1 => BatchMode.Sgd, _ => BatchMode.MiniBatch },
            BatchSize = Math.Max(1, options.Batch),
            Epochs = options.Epochs,
            Seed = options.Seed,
            Schedule = Schedule(options),
            Regularizer = Regularizer(options),
            EarlyStopping = options.Patience > 0 ? new EarlyStopping(options.Patience) : null,
            Clipping = Clipping(options),
            TargetAccuracy = options.TargetAccuracy,
            TrainAccuracyFrom = options.TrainAccuracyFrom,
            KeepFeaturesOnDevice = options.KeepFeaturesOnDevice,
        };
        int batchSize = trainer.EffectiveBatchSize(train.Count);
        trainer.Loss = options.ClassWeights ? ClassWeighting.Loss(train, backend) : LossFunction(options.Loss);
        TrainingHistory history;
        double seconds;
        using (var reporter = new ProgressReporter(
            progress, ProgressReporter.IsTerminal(progress), options.Epochs, (train.Count + batchSize - 1) / batchSize, () => optimizer.Steps))
        {
            trainer.OnEpoch = reporter.OnEpoch;
            var clock = Stopwatch.StartNew();
            history = trainer.Fit(train, data.Validation.Count > 0 ? data.Validation : null);
            seconds = clock.Elapsed.TotalSeconds;
        }

        if (history.StoppedEarly)
        {
            progress.WriteLine($"early stopping: no validation improvement for {options.Patience} epochs; best epoch {history.RestoredEpoch?.ToString(CultureInfo.InvariantCulture) ?? "(last)"} kept.");
        }

        if (history.ReachedTargetAccuracy is int reached)
        {
            progress.WriteLine($"target accuracy {options.TargetAccuracy?.ToString(CultureInfo.InvariantCulture)} reached after epoch {reached.ToString(CultureInfo.InvariantCulture)}.");
        }

        var test = Evaluate(model, data.Test);
        var confusion = new ConfusionMatrix(data.Test.Labels, test.Predictions, data.Test.ClassCount);
        var report = ClassificationReport.From(confusion, data.Test.ClassNames, options.Beta);
        var result = new TrainResult(
            options, data, spec, history, test, confusion, report, backend.Name, description, model.ParameterCount, seconds, files);
        RunOutputs.Write(result, model);
        return result;
    }

    /// <summary>
    /// Scores a model on a data set in evaluation mode with the plain softmax cross-entropy (the same code path for
    /// <c>train</c> and <c>eval</c>, so a reloaded checkpoint gives bit-identical numbers).
    /// </summary>
    /// <param name="model">The model.</param>
    /// <param name="data">The data.</param>
    /// <returns>Loss, accuracy and predicted labels.</returns>
    public static Evaluation Evaluate(Layer model, MiniDL.Data.Dataset data)
    {
        ArgumentNullException.ThrowIfNull(model);
        // Trainer.Evaluate needs an optimizer; a learning rate of 0 is never used to step.
        var evaluator = new Trainer(model, new Sgd(model.Parameters(), 0)) { Loss = SoftmaxCrossEntropy.Forward };
        return evaluator.Evaluate(data);
    }

    /// <summary>
    /// Rejects a model that does not fit <see cref="ModelBudget"/>: a usage error naming <c>--hidden</c> when the
    /// hidden widths are to blame, a data error when the data alone (features × classes) is too wide.
    /// </summary>
    /// <param name="sizes">The layer widths.</param>
    /// <param name="options">The options.</param>
    /// <param name="data">The data.</param>
    /// <exception cref="CliException">The hidden layers are too large.</exception>
    /// <exception cref="InvalidDataException">The data alone needs too large a model.</exception>
    public static void CheckModelSize(int[] sizes, TrainOptions options, PreparedData data)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(data);
        if (ModelBudget.Problem(sizes) is not { } problem)
        {
            return;
        }

        if (ModelBudget.Problem([data.Train.FeatureCount, data.Train.ClassCount]) is not null)
        {
            throw new InvalidDataException($"{options.Data.CsvPath ?? options.Data.Name}: {data.Train.FeatureCount} features and {data.Train.ClassCount} classes are too many: {problem}.");
        }

        throw new CliException($"--hidden {string.Join(",", options.Hidden)}: {problem}.");
    }

    /// <summary>"mini-batch 32", "SGD (batch 1)" or "batch GD (whole set)".</summary>
    /// <param name="batch">The <c>--batch</c> value.</param>
    /// <returns>The text.</returns>
    public static string BatchText(int batch) => batch switch
    {
        0 => "batch GD (whole set)",
        1 => "SGD (batch 1)",
        _ => "mini-batch " + batch.ToString(CultureInfo.InvariantCulture),
    };

    private static LearningRateSchedule? Schedule(TrainOptions o) => o.Schedule switch
    {
        "step" => new StepDecay(o.LearningRate, o.StepDropRate, o.StepEvery),
        "exponential" => new ExponentialDecay(o.LearningRate, o.DecayRate),
        "cosine" => new CosineAnnealing(o.MinLearningRate, o.LearningRate, Math.Max(1, o.Epochs)),
        _ => null,
    };

    /// <summary>The loss of <c>--loss</c>, on the model's scores (logits) and one-hot targets.</summary>
    /// <param name="name">A name of <see cref="TrainOptions.LossNames"/>.</param>
    /// <returns>The loss function.</returns>
    public static Func<MiniDL.Autograd.Node, MiniDL.Autograd.Node, MiniDL.Autograd.Node> LossFunction(string name) => name switch
    {
        "cce" => (scores, targets) => CategoricalCrossEntropy.Forward(MiniDL.Autograd.Activations.Softmax.Forward(scores), targets),
        "svm" => (scores, targets) => MulticlassSvm.Forward(scores, targets),
        "mse" => MeanSquaredError.Forward,
        "mae" => MeanAbsoluteError.Forward,
        _ => SoftmaxCrossEntropy.Forward,
    };

    /// <summary>The settings that differ from the defaults, e.g. "loss svm, init xavier, clip-norm 5" ("" when none).</summary>
    /// <param name="o">The options.</param>
    /// <returns>The text.</returns>
    public static string SettingsText(TrainOptions o)
    {
        ArgumentNullException.ThrowIfNull(o);
        var parts = new List<string>();
        void Add(bool given, string text)
        {
            if (given)
            {
                parts.Add(text);
            }
        }

        Add(o.Loss != "softmax-ce", "loss " + o.Loss);
        Add(o.Initializer is not null, "init " + o.Initializer);
        Add(o.ClipNorm > 0, "clip-norm " + TrainOptions.Num(o.ClipNorm));
        Add(o.ClipValue > 0, "clip-value " + TrainOptions.Num(o.ClipValue));
        Add(o.ElasticLambda > 0, $"elastic net (Lesson 1) λ {TrainOptions.Num(o.ElasticLambda)}, β {TrainOptions.Num(o.ElasticBeta)}");
        Add(o.L1 > 0 && o.L2 > 0, $"elastic net (Day 01) λ₁ {TrainOptions.Num(o.L1)}, λ₂ {TrainOptions.Num(o.L2)}");
        Add(o.L1 > 0 && o.L2 == 0, "l1 " + TrainOptions.Num(o.L1));
        Add(o.L2 > 0 && o.L1 == 0, "l2 " + TrainOptions.Num(o.L2));
        Add(o.TrainAccuracyFrom == TrainAccuracySource.TrainingBatches, "training accuracy counted during the epoch's batches");
        return string.Join(", ", parts);
    }

    private static GradientClipping? Clipping(TrainOptions o) =>
        o.ClipNorm > 0 ? GradientClipping.ByNorm(o.ClipNorm) : o.ClipValue > 0 ? GradientClipping.ByValue(o.ClipValue) : null;

    private static Regularizer? Regularizer(TrainOptions o) => (o.L1 > 0, o.L2 > 0) switch
    {
        _ when o.ElasticLambda > 0 => ElasticNet.Lesson1(o.ElasticLambda, o.ElasticBeta),
        (true, true) => new ElasticNet(o.L1, o.L2),
        (true, false) => new L1(o.L1),
        (false, true) => new L2(o.L2),
        _ => null,
    };
}
