using System.Globalization;
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

    /// <summary>Whether to add a seeded augmented copy of the training images (<c>--augment</c>).</summary>
    public bool Augment { get; init; }

    /// <summary>Whether to weight the loss by Day 01's class weights <c>1 − n_c/N</c> (<c>--class-weights</c>).</summary>
    public bool ClassWeights { get; init; }

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
        bool augment = args.Flag("augment");
        Require(!augment || data.Kind is "digits" or "fashion-mnist", "augment", "shifts and flips images: use it with digits or fashion-mnist");
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
            Augment = augment,
            ClassWeights = args.Flag("class-weights"),
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
