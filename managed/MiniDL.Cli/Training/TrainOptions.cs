using MiniDL.Autograd.Activations;

namespace MiniDL.Cli.Training;

/// <summary>
/// Every option of <c>minidl train</c>, parsed and checked (a bad value is a <see cref="CliException"/>: exit code 2
/// with a message naming the option). Options left out take the data set's defaults (<see cref="DatasetDefaults"/>).
/// </summary>
public sealed class TrainOptions
{
    /// <summary>The activation names <c>--activation</c> accepts, with their <see cref="Activation"/>.</summary>
    public static IReadOnlyDictionary<string, Activation> ActivationNames { get; } = new Dictionary<string, Activation>(StringComparer.Ordinal)
    {
        ["relu"] = Activation.Relu,
        ["sigmoid"] = Activation.Sigmoid,
        ["tanh"] = Activation.Tanh,
        ["leaky-relu"] = Activation.LeakyRelu,
        ["elu"] = Activation.Elu,
    };

    /// <summary>The optimizer names <c>--optimizer</c> accepts.</summary>
    public static IReadOnlyList<string> OptimizerNames { get; } = ["sgd", "momentum", "nesterov", "adam"];

    /// <summary>The schedule names <c>--schedule</c> accepts.</summary>
    public static IReadOnlyList<string> ScheduleNames { get; } = ["none", "step", "exponential", "cosine"];

    /// <summary>The backend names <c>--backend</c> accepts.</summary>
    public static IReadOnlyList<string> BackendNames { get; } = ["reference", "cpu", "cuda", "auto"];

    /// <summary>The initializer names <c>--init</c> accepts (Lesson 7 "Neural Network" and Day 01's initializations).</summary>
    public static IReadOnlyList<string> InitializerNames { get; } = ["gaussian", "uniform", "xavier", "he"];

    /// <summary>The loss names <c>--loss</c> accepts.</summary>
    public static IReadOnlyList<string> LossNames { get; } = ["softmax-ce", "cce", "svm", "mse", "mae"];

    /// <summary>The sampling names <c>--sampling</c> accepts.</summary>
    public static IReadOnlyList<string> SamplingNames { get; } = ["none", "over", "under"];

    /// <summary>The largest <c>--maxout</c> k.</summary>
    public const int MaxMaxoutPieces = 16;

    private const string PerDataSet = "per data set (digits 256,128; iris 16; fashion-mnist 256; xor 8; spiral 64; CSV 64)";

    /// <summary>
    /// The option table of <c>minidl train</c>: the parser rejects any option not in it and checks each value's type
    /// and range against it; <c>minidl help train</c> is generated from it.
    /// </summary>
    public static CommandHelp Help { get; } = new(
        "train DATASET [--options]",
        "Train a multi-layer perceptron on digits, iris, fashion-mnist, xor, spiral or a CSV file (last column the label\n"
        + "unless --label-column); print the test accuracy, the per-class metrics and the confusion matrix; write\n"
        + "metrics.json, the plots and model.safetensors into --out. Exit codes: 0 trained, 1 bad data or backend, 2 bad usage.",
        [
            new("hidden", OptionKind.Text, PerDataSet, "hidden layer widths, e.g. 256 or 512,256; 0 for a linear model"),
            new("activation", OptionKind.Choice, "per data set (relu; tanh for iris and xor)", "hidden activation") { Choices = [.. ActivationNames.Keys] },
            new("maxout", OptionKind.Int, "0 (off)", "make every hidden layer a Maxout layer of K linear pieces (Day 01 \"Maxout\"); replaces --activation") { Min = 0, Max = MaxMaxoutPieces },
            new("init", OptionKind.Choice, "he for relu, leaky-relu, elu; xavier otherwise", "weight initializer") { Choices = InitializerNames },
            new("loss", OptionKind.Choice, "softmax-ce", "loss: softmax-ce (softmax + cross-entropy, fused), cce (softmax, then categorical cross-entropy), svm (multiclass hinge), mse, mae (on the scores vs one-hot)") { Choices = LossNames },
            new("optimizer", OptionKind.Choice, "adam", "optimizer") { Choices = OptimizerNames },
            new("lr", OptionKind.Number, "per data set (adam 0.001; xor 0.05; iris, spiral 0.01; sgd 0.01)", "(initial) learning rate") { Min = 0, MinExclusive = true },
            new("schedule", OptionKind.Choice, "none", "learning-rate schedule") { Choices = ScheduleNames },
            new("lr-drop", OptionKind.Number, "0.5", "step decay: factor per drop") { Min = 0, MinExclusive = true, Max = 1 },
            new("lr-drop-every", OptionKind.Int, "epochs / 3", "step decay: epochs between drops") { Min = 1 },
            new("decay", OptionKind.Number, "0.05", "exponential decay's k: lr · e^(−k·epoch)") { Min = 0 },
            new("lr-min", OptionKind.Number, "0", "cosine annealing's final rate") { Min = 0 },
            new("batch", OptionKind.Int, "per data set (digits, spiral, CSV 32; iris 16; fashion-mnist 128; xor 0)", "samples per update: 1 = SGD, 0 = the whole set (batch GD), else mini-batch") { Min = 0 },
            new("epochs", OptionKind.Int, "per data set (digits 40; iris 100; fashion-mnist 10; xor 300; spiral 200; CSV 20)", "passes over the training data") { Min = 0 },
            new("l1", OptionKind.Number, "0", "L1 penalty λ₁‖θ‖₁; with --l2 the Elastic Net of Day 01, λ₁‖θ‖₁ + λ₂‖θ‖₂²") { Min = 0 },
            new("l2", OptionKind.Number, "0", "L2 penalty λ₂‖θ‖₂²") { Min = 0 },
            new("elastic-lambda", OptionKind.Number, "0 (off)", "Elastic Net in IT4653 Lesson 1's form λ Σ (β W² + |W|): the λ (use with --elastic-beta; not with --l1/--l2)") { Min = 0 },
            new("elastic-beta", OptionKind.Number, "1", "the β of --elastic-lambda (weight of the squared term)") { Min = 0 },
            new("clip-norm", OptionKind.Number, "off", "gradient clipping: rescale all gradients when their global L2 norm is above this") { Min = 0, MinExclusive = true },
            new("clip-value", OptionKind.Number, "off", "gradient clipping: clamp every gradient entry to [−v, v]") { Min = 0, MinExclusive = true },
            new("dropout", OptionKind.Number, "0", "dropout probability after each hidden activation") { Min = 0, Max = 1, MaxExclusive = true },
            new("batchnorm", OptionKind.Flag, "", "batch normalization before each hidden activation"),
            new("early-stopping", OptionKind.Int, "0 (off)", "stop after this many epochs without a better validation loss; keep the best") { Min = 0 },
            new("target-accuracy", OptionKind.Number, "off", "stop after the first epoch whose training accuracy reaches this fraction (lesson 7: epochs or a target accuracy)") { Min = 0, Max = 1 },
            new("features", OptionKind.Choice, "auto", "where each batch is gathered from: auto (a copy of the set kept on a GPU, the host's rows elsewhere), kept (a copy on the backend, made once: pays on the CPU after many epochs) or host") { Choices = ["auto", "kept", "host"] },
            new("train-accuracy", OptionKind.Choice, "pass", "the epoch's training accuracy: pass (the final weights, one more pass over the training set: the lectures' accuracy) or batches (counted during the epoch's steps, no extra pass)") { Choices = ["pass", "batches"] },
            new("augment", OptionKind.Flag, "", "add a seeded shifted/flipped copy of the training images (digits, fashion-mnist)"),
            new("class-weights", OptionKind.Flag, "", "weight the loss by Day 01's class weights 1 − n_c/N (softmax-ce only)"),
            new("sampling", OptionKind.Choice, "none", "rebalance the training classes: over (repeat minority samples) or under (drop majority samples), seeded") { Choices = SamplingNames },
            new("beta", OptionKind.Number, "1", "the β of the F-beta score printed beside F1 (β > 1 weighs recall more)") { Min = 0, MinExclusive = true },
            new("seed", OptionKind.Int, "0", "seed of the split, the initial weights, the shuffles, dropout, sampling and augmentation"),
            new("validation", OptionKind.Number, "0.1", "fraction of the training data held out for validation") { Min = 0, Max = 1, MaxExclusive = true },
            new("test", OptionKind.Number, "0.2", "fraction held out for testing when the data set has no test part") { Min = 0, Max = 1, MinExclusive = true, MaxExclusive = true },
            new("label-column", OptionKind.Int, "-1 (the last)", "CSV: 0-based label column") { Min = -1 },
            new("header", OptionKind.Flag, "", "CSV: the first line is a header"),
            new("drop-bad-rows", OptionKind.Flag, "", "CSV: leave out (and name) rows with an unreadable cell or label instead of stopping"),
            new("data", OptionKind.Path, "the installed data set", "fashion-mnist: the folder of its files"),
            new("backend", OptionKind.Choice, "$MINIDL_BACKEND, else auto", "where the numbers are computed") { Choices = BackendNames },
            new("out", OptionKind.Path, "runs/DATASET", "output folder"),
            new("json", OptionKind.Flag, "", "print one JSON object on stdout (progress goes to stderr)"),
        ],
        ["train digits", "train xor --hidden 8 --maxout 2 --init xavier --epochs 200", "train iris --loss svm --clip-norm 5 --elastic-lambda 0.001 --elastic-beta 0.5 --beta 2"]);

    /// <summary>The data source: a named data set or a CSV file.</summary>
    public required DataRequest Data { get; init; }

    /// <summary>Hidden layer widths (<c>--hidden 256</c> or <c>--hidden 512,256</c>); empty for a linear model (<c>--hidden 0</c>).</summary>
    public required int[] Hidden { get; init; }

    /// <summary>The hidden activation's name (<c>--activation</c>).</summary>
    public required string ActivationName { get; init; }

    /// <summary>The hidden activation.</summary>
    public Activation Activation => ActivationNames[ActivationName];

    /// <summary>sgd, momentum, nesterov or adam (<c>--optimizer</c>).</summary>
    public required string Optimizer { get; init; }

    /// <summary>The (initial) learning rate (<c>--lr</c>).</summary>
    public required double LearningRate { get; init; }

    /// <summary>none, step, exponential or cosine (<c>--schedule</c>).</summary>
    public required string Schedule { get; init; }

    /// <summary>Step decay's factor per drop (<c>--lr-drop</c>, default 0.5).</summary>
    public double StepDropRate { get; init; } = 0.5;

    /// <summary>Step decay's epochs between drops (<c>--lr-drop-every</c>; default a third of the epochs).</summary>
    public int StepEvery { get; init; } = 10;

    /// <summary>Exponential decay's k (<c>--decay</c>, default 0.05).</summary>
    public double DecayRate { get; init; } = 0.05;

    /// <summary>Cosine annealing's final rate (<c>--lr-min</c>, default 0).</summary>
    public double MinLearningRate { get; init; }

    /// <summary>Samples per update (<c>--batch</c>): 1 = SGD, 0 = the whole training set (batch GD), else mini-batch.</summary>
    public required int Batch { get; init; }

    /// <summary>Passes over the training data (<c>--epochs</c>).</summary>
    public required int Epochs { get; init; }

    /// <summary>L1 penalty λ (<c>--l1</c>).</summary>
    public double L1 { get; init; }

    /// <summary>L2 penalty λ (<c>--l2</c>).</summary>
    public double L2 { get; init; }

    /// <summary>Dropout probability after each hidden activation (<c>--dropout</c>).</summary>
    public double Dropout { get; init; }

    /// <summary>Batch normalization before each hidden activation (<c>--batchnorm</c>).</summary>
    public bool BatchNorm { get; init; }

    /// <summary>Early-stopping patience in epochs (<c>--early-stopping</c>); 0 = off.</summary>
    public int Patience { get; init; }

    /// <summary>Stop once the training accuracy reaches this fraction (<c>--target-accuracy</c>); null = off.</summary>
    public double? TargetAccuracy { get; init; }

    /// <summary>How the training accuracy is measured (<c>--train-accuracy pass|batches</c>).</summary>
    public TrainAccuracySource TrainAccuracyFrom { get; init; }

    /// <summary><see cref="Trainer.KeepFeaturesOnDevice"/> (<c>--features auto|kept|host</c>: null, true, false).</summary>
    public bool? KeepFeaturesOnDevice { get; init; }

    /// <summary>Whether to add a seeded augmented copy of the training images (<c>--augment</c>).</summary>
    public bool Augment { get; init; }

    /// <summary>Whether to weight the loss by Day 01's class weights <c>1 − n_c/N</c> (<c>--class-weights</c>).</summary>
    public bool ClassWeights { get; init; }

    /// <summary>Maxout pieces of the hidden layers (<c>--maxout</c>); 0 = linear layers with <see cref="Activation"/>.</summary>
    public int Maxout { get; init; }

    /// <summary>The initializer's name (<c>--init</c>), or null for the default.</summary>
    public string? Initializer { get; init; }

    /// <summary>The loss's name (<c>--loss</c>).</summary>
    public string Loss { get; init; } = "softmax-ce";

    /// <summary>Elastic Net λ in IT4653 Lesson 1's form (<c>--elastic-lambda</c>); 0 = off.</summary>
    public double ElasticLambda { get; init; }

    /// <summary>Elastic Net β in IT4653 Lesson 1's form (<c>--elastic-beta</c>).</summary>
    public double ElasticBeta { get; init; } = 1;

    /// <summary>Gradient clipping by global norm (<c>--clip-norm</c>); 0 = off.</summary>
    public double ClipNorm { get; init; }

    /// <summary>Gradient clipping by value (<c>--clip-value</c>); 0 = off.</summary>
    public double ClipValue { get; init; }

    /// <summary>none, over or under (<c>--sampling</c>).</summary>
    public string Sampling { get; init; } = "none";

    /// <summary>β of the F-beta score (<c>--beta</c>).</summary>
    public double Beta { get; init; } = 1;

    /// <summary>Output directory (<c>--out</c>, default runs/DATASET).</summary>
    public required string OutputDirectory { get; init; }

    /// <summary>Print one JSON object on stdout (<c>--json</c>).</summary>
    public bool Json { get; init; }

    /// <summary>reference, cpu, cuda or auto (<c>--backend</c>; default <c>MINIDL_BACKEND</c>, else auto).</summary>
    public required string Backend { get; init; }

    /// <summary>Seed of the initial weights, the shuffles, dropout and augmentation (<c>--seed</c>).</summary>
    public int Seed => Data.Seed;

    /// <summary>Parses the options of <c>minidl train DATASET [options]</c>.</summary>
    /// <param name="args">The parsed command line.</param>
    /// <returns>The checked options.</returns>
    /// <exception cref="CliException">A missing data set, an unknown name or a value out of range.</exception>
    public static TrainOptions Parse(CliArgs args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Positionals.Count != 1)
        {
            throw new CliException(args.Positionals.Count == 0
                ? $"name a data set: {string.Join(", ", DatasetDefaults.Names)} or a CSV file (usage: minidl train DATASET [--options])."
                : $"expects one data set, got {args.Positionals.Count}: {string.Join(" ", args.Positionals)}.");
        }

        var data = DataRequest.Parse(args.Positionals[0], args);
        var defaults = DatasetDefaults.For(data.Kind);
        var hidden = ParseHidden(args.String("hidden"), defaults.Hidden);
        var activation = Choice(args, "activation", defaults.Activation, ActivationNames.Keys.ToArray());
        var optimizer = Choice(args, "optimizer", defaults.Optimizer, OptimizerNames);
        double lr = args.Double("lr", optimizer == defaults.Optimizer ? defaults.LearningRate : optimizer == "adam" ? 0.001 : 0.01);
        Require(lr > 0 && double.IsFinite(lr), "lr", $"must be a positive number, got {Num(lr)}");
        var schedule = Choice(args, "schedule", "none", ScheduleNames);
        int epochs = args.Int("epochs", defaults.Epochs);
        Require(epochs >= 0, "epochs", $"must be at least 0, got {epochs}");
        int batch = args.Int("batch", defaults.Batch);
        Require(batch >= 0, "batch", $"must be 0 (batch GD), 1 (SGD) or a mini-batch size, got {batch}");
        double dropRate = args.Double("lr-drop", 0.5);
        Require(dropRate > 0 && dropRate <= 1, "lr-drop", $"must be in (0, 1], got {Num(dropRate)}");
        int every = args.Int("lr-drop-every", Math.Max(1, epochs / 3));
        Require(every >= 1, "lr-drop-every", $"must be at least 1, got {every}");
        double decay = args.Double("decay", 0.05);
        Require(decay >= 0 && double.IsFinite(decay), "decay", $"must be at least 0, got {Num(decay)}");
        double lrMin = args.Double("lr-min", 0);
        Require(lrMin >= 0 && lrMin <= lr, "lr-min", $"must be in [0, lr = {Num(lr)}], got {Num(lrMin)}");
        double l1 = args.Double("l1", 0), l2 = args.Double("l2", 0);
        Require(l1 >= 0 && double.IsFinite(l1), "l1", $"must be at least 0, got {Num(l1)}");
        Require(l2 >= 0 && double.IsFinite(l2), "l2", $"must be at least 0, got {Num(l2)}");
        double dropout = args.Double("dropout", 0);
        Require(dropout >= 0 && dropout < 1, "dropout", $"must be in [0, 1), got {Num(dropout)}");
        Require(dropout == 0 || hidden.Length > 0, "dropout", "needs a hidden layer (--hidden 0 is a linear model)");
        int patience = args.Int("early-stopping", 0);
        Require(patience >= 0, "early-stopping", $"must be at least 0 (0 = off), got {patience}");
        Require(patience == 0 || data.ValidationFraction > 0, "early-stopping", "monitors the validation loss: --validation must be above 0");
        double? targetAccuracy = !args.Has("target-accuracy") ? null : args.Double("target-accuracy", 1);
        Require(targetAccuracy is null || targetAccuracy is >= 0 and <= 1, "target-accuracy", $"must be in [0, 1], got {Num(targetAccuracy ?? 0)}");
        var trainAccuracy = Choice(args, "train-accuracy", "pass", ["pass", "batches"]) == "batches" ? TrainAccuracySource.TrainingBatches : TrainAccuracySource.EvaluationPass;
        bool? keepFeatures = Choice(args, "features", "auto", ["auto", "kept", "host"]) switch { "kept" => true, "host" => false, _ => null };
        bool augment = args.Flag("augment");
        Require(!augment || data.Kind is "digits" or "fashion-mnist", "augment", "shifts and flips images: use it with digits or fashion-mnist");
        int maxout = args.Int("maxout", 0);
        Require(maxout == 0 || hidden.Length > 0, "maxout", "needs a hidden layer (--hidden 0 is a linear model)");
        Require(maxout == 0 || !args.Has("activation"), "maxout", "replaces the hidden activation: leave out --activation");
        var init = args.String("init")?.ToLowerInvariant();
        var loss = Choice(args, "loss", "softmax-ce", LossNames);
        bool classWeights = args.Flag("class-weights");
        Require(!classWeights || loss == "softmax-ce", "class-weights", $"weights the softmax cross-entropy: leave out --loss {loss}");
        double elasticLambda = args.Double("elastic-lambda", 0);
        double elasticBeta = args.Double("elastic-beta", 1);
        Require(elasticLambda == 0 || (l1 == 0 && l2 == 0), "elastic-lambda", "is Lesson 1's form of the Elastic Net: give either it or --l1/--l2 (Day 01's form), not both");
        Require(elasticLambda > 0 || !args.Has("elastic-beta"), "elastic-beta", "needs --elastic-lambda");
        double clipNorm = args.Double("clip-norm", 0), clipValue = args.Double("clip-value", 0);
        Require(clipNorm == 0 || clipValue == 0, "clip-norm", "and --clip-value are two ways to clip: give one");
        var sampling = Choice(args, "sampling", "none", SamplingNames);
        double beta = args.Double("beta", 1);
        Require(beta > 0, "beta", $"must be above 0, got {Num(beta)}");
        var backend = CheckedBackend(args.String("backend"));
        var options = new TrainOptions
        {
            Data = data,
            Hidden = hidden,
            ActivationName = activation,
            Optimizer = optimizer,
            LearningRate = lr,
            Schedule = schedule,
            StepDropRate = dropRate,
            StepEvery = every,
            DecayRate = decay,
            MinLearningRate = lrMin,
            Batch = batch,
            Epochs = epochs,
            L1 = l1,
            L2 = l2,
            Dropout = dropout,
            BatchNorm = args.Flag("batchnorm"),
            Patience = patience,
            TargetAccuracy = targetAccuracy,
            TrainAccuracyFrom = trainAccuracy,
            KeepFeaturesOnDevice = keepFeatures,
            Augment = augment,
            ClassWeights = classWeights,
            Maxout = maxout,
            Initializer = init,
            Loss = loss,
            ElasticLambda = elasticLambda,
            ElasticBeta = elasticBeta,
            ClipNorm = clipNorm,
            ClipValue = clipValue,
            Sampling = sampling,
            Beta = beta,
            OutputDirectory = args.String("out") ?? Path.Combine("runs", data.Name),
            Json = args.Flag("json"),
            Backend = backend,
        };
        args.RejectUnknown();
        return options;
    }

    /// <summary>
    /// The backend of <c>--backend</c>, else of <c>MINIDL_BACKEND</c>, else "auto"; an unknown name is a usage error
    /// that blames where it came from (the option or the environment variable).
    /// </summary>
    /// <param name="option">The <c>--backend</c> value, or null.</param>
    /// <returns>A name of <see cref="BackendNames"/>.</returns>
    /// <exception cref="CliException">The name is not known.</exception>
    public static string CheckedBackend(string? option)
    {
        if (option is not null)
        {
            Require(BackendNames.Contains(option), "backend", $"unknown '{option}' (use {string.Join(", ", BackendNames)})");
            return option;
        }

        var backend = DefaultBackend();
        if (!BackendNames.Contains(backend))
        {
            throw new CliException(
                $"environment variable {MiniDL.Backends.BackendRegistry.BackendVariable}='{Environment.GetEnvironmentVariable(MiniDL.Backends.BackendRegistry.BackendVariable)}' is not a backend (use {string.Join(", ", BackendNames)}, or unset it).");
        }

        return backend;
    }

    /// <summary>The backend named by <c>MINIDL_BACKEND</c>, or "auto".</summary>
    /// <returns>The lower-cased name.</returns>
    public static string DefaultBackend()
    {
        var env = Environment.GetEnvironmentVariable(MiniDL.Backends.BackendRegistry.BackendVariable);
        return string.IsNullOrWhiteSpace(env) ? "auto" : env.Trim().ToLowerInvariant();
    }

    /// <summary>The layer widths from input to output, e.g. [64, 128, 10].</summary>
    /// <param name="inputs">Features per sample.</param>
    /// <param name="classes">Output classes.</param>
    /// <returns>The widths.</returns>
    public int[] LayerSizes(int inputs, int classes) => [inputs, .. Hidden, classes];

    /// <summary>Parses "256" or "512,256" (0 or "none" for no hidden layer).</summary>
    /// <param name="text">The option value, or null.</param>
    /// <param name="fallback">The default.</param>
    /// <returns>The widths.</returns>
    /// <exception cref="CliException">A width is not a positive integer.</exception>
    public static int[] ParseHidden(string? text, int[] fallback)
    {
        if (text is null)
        {
            return fallback;
        }

        if (text is "0" or "none" or "")
        {
            return [];
        }

        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        var sizes = new int[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.Integer, CultureInfo.InvariantCulture, out sizes[i]) || sizes[i] < 1)
            {
                throw new CliException($"--hidden expects positive widths separated by commas (e.g. 256 or 512,256), got '{text}'.");
            }
        }

        return sizes;
    }

    /// <summary>A number in the invariant culture, shortest round-trip form.</summary>
    /// <param name="value">The number.</param>
    /// <returns>The text.</returns>
    public static string Num(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Choice(CliArgs args, string name, string fallback, IReadOnlyList<string> allowed)
    {
        var value = (args.String(name) ?? fallback).ToLowerInvariant();
        Require(allowed.Contains(value), name, $"unknown '{value}' (use {string.Join(", ", allowed)})");
        return value;
    }

    /// <summary>Throws a usage error naming <c>--<paramref name="option"/></c> unless <paramref name="condition"/> holds.</summary>
    /// <param name="condition">What must hold.</param>
    /// <param name="option">The option's name without dashes.</param>
    /// <param name="message">What is wrong.</param>
    /// <exception cref="CliException">The condition is false.</exception>
    public static void Require(bool condition, string option, string message)
    {
        if (!condition)
        {
            throw new CliException($"--{option} {message}.");
        }
    }
}
