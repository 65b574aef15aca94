using MiniDL.Autograd.Activations;
using MiniDL.Plotting;

namespace MiniDL.Cli.Examples;

/// <summary>
/// Lesson 7 "Neural Network", "Một lớp ẩn được xem có thể xấp xỉ mọi hàm số (visual proof 1D)" (one hidden layer can
/// approximate any function): two steep sigmoid units
/// <c>σ(k(x − a)) − σ(k(x − c))</c> make a bump of height 1 on [a, c]; scaled bumps side by side follow any curve.
/// First the proof by hand (a 1-2N-1 network whose weights are set, not learned), then a 1-H-1 sigmoid network trained
/// by gradient descent on <see cref="Datasets.Bumps"/>. Writes bumps.svg (trained) and bumps-by-hand.svg.
/// </summary>
public static class BumpsExample
{
    /// <summary>Hidden sigmoid units of the trained network (10 pairs).</summary>
    public const int HiddenUnits = 20;

    /// <summary>Bumps of the hand-built network.</summary>
    public const int HandBumps = 50;

    /// <summary>
    /// Both networks' mean squared error must stay below this fraction of the target's variance (≈ 0.04), i.e. explain
    /// more than 90 % of it (R² &gt; 0.9). The 0.05·cos(50x) wiggle alone has variance 0.00125 ≈ 3 % of it.
    /// </summary>
    public const double UnexplainedThreshold = 0.1;

    /// <summary>Builds the hand-made network, trains the 1-H-1 network, plots both and checks their errors.</summary>
    /// <param name="context">Backend and output folder.</param>
    /// <returns>The result.</returns>
    public static ExampleResult Run(ExampleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var result = new ExampleResult("bumps", $"pairs of sigmoid units approximate the 1-D function: the trained 1-{HiddenUnits}-1 network and {HandBumps} hand-made bumps both explain > {(1 - UnexplainedThreshold) * 100}% of its variance");
        var backend = context.Backend;
        var data = Datasets.Bumps(200, seed: 0);
        var x = data.Features;
        var y = data.Targets!;
        double mean = y.Average();
        double variance = y.Sum(v => (v - mean) * (v - mean)) / y.Length;

        // By hand: bump i covers [i/N, (i+1)/N] with height f(centre); unit 2i steps up at the left edge, 2i+1 at the right.
        const double k = 1000;
        var w1 = new double[2 * HandBumps];
        var b1 = new double[2 * HandBumps];
        var w2 = new double[2 * HandBumps];
        for (int i = 0; i < HandBumps; i++)
        {
            double left = (double)i / HandBumps, right = (double)(i + 1) / HandBumps;
            double height = Datasets.BumpsFunction((left + right) / 2);
            (w1[2 * i], b1[2 * i], w2[2 * i]) = (k, -k * left, height);
            (w1[2 * i + 1], b1[2 * i + 1], w2[2 * i + 1]) = (k, -k * right, -height);
        }

        var byHand = new Sequential(
            Linear.FromValues(w1, b1, 1, 2 * HandBumps, backend),
            new ActivationLayer(Activation.Sigmoid, backend: backend),
            Linear.FromValues(w2, [0.0], 2 * HandBumps, 1, backend));
        double handMse = Mse(ExampleModels.Outputs(byHand, x, 1), y);

        // Trained: 1 → H sigmoid → 1 linear, mean squared error, Adam, batch gradient descent.
        var trained = new Sequential(
            new Linear(1, HiddenUnits, new MiniDL.Initializers.Gaussian(), seed: 0, backend),
            new ActivationLayer(Activation.Sigmoid, backend: backend),
            new Linear(HiddenUnits, 1, new MiniDL.Initializers.Xavier(), seed: 1, backend));
        var trainer = new Trainer(trained, new Adam(trained.Parameters(), 0.05)) { Mode = BatchMode.BatchGD, Epochs = 3000 };
        var history = trainer.Fit(data);
        double trainedMse = Mse(ExampleModels.Outputs(trained, x, 1), y);

        var grid = Enumerable.Range(0, 401).Select(i => i / 400.0).ToArray();
        var target = grid.Select(Datasets.BumpsFunction).ToArray();
        var plots = new[]
        {
            ("bumps.svg", (Layer)trained, $"1-{HiddenUnits}-1 sigmoid network trained on {data.Count} points (MSE {trainedMse:E2})"),
            ("bumps-by-hand.svg", byHand, $"{HandBumps} hand-made bumps = {2 * HandBumps} sigmoid units (MSE {handMse:E2})"),
        };
        foreach (var (file, model, title) in plots)
        {
            var path = context.File(file);
            File.WriteAllText(path, SvgFunctionPlot.Render(grid, target, ExampleModels.Outputs(model, grid, 1), x, y, title));
            result.Files.Add(path);
        }

        result.Line($"target: y = 0.2 + 0.4x² + 0.3x·sin(15x) + 0.05·cos(50x) on {data.Count} points in [0, 1]");
        result.Line($"target variance {variance:F4}");
        result.Line($"by hand: {HandBumps} bumps σ({k}(x − a)) − σ({k}(x − c)), height f(centre) → MSE {handMse:E3} (R² = {1 - handMse / variance:F4})");
        result.Line($"trained: 1 → {HiddenUnits} sigmoid → 1, Adam lr 0.05, {history.Epochs.Count} epochs of batch GD → final MSE {trainedMse:E3} (R² = {1 - trainedMse / variance:F4})");
        result.Value("handMse", handMse);
        result.Value("trainedMse", trainedMse);
        result.Value("targetVariance", variance);
        result.Value("hiddenUnits", HiddenUnits);
        result.Passed = trainedMse < UnexplainedThreshold * variance && handMse < UnexplainedThreshold * variance;
        return result;
    }

    private static double Mse(double[] prediction, double[] target)
    {
        double sum = 0;
        for (int i = 0; i < target.Length; i++)
        {
            double d = prediction[i] - target[i];
            sum += d * d;
        }

        return sum / target.Length;
    }
}
