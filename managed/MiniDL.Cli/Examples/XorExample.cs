using MiniDL.Autograd.Activations;
using MiniDL.Initializers;
using MiniDL.Plotting;

namespace MiniDL.Cli.Examples;

/// <summary>
/// Lesson 7's XOR (Lesson 7 "Neural Network"): XOR is not linearly separable, so a linear model
/// (logistic regression, one straight boundary) gets at most 3 of the 4 points right, while one hidden layer bends the
/// boundary and gets all 4. Both decision regions are drawn (xor-linear.svg, xor-mlp.svg).
/// </summary>
public static class XorExample
{
    /// <summary>Trains both models by batch gradient descent and checks the claim.</summary>
    /// <param name="context">Backend and output folder.</param>
    /// <returns>The result.</returns>
    public static ExampleResult Run(ExampleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var result = new ExampleResult("xor", "logistic regression cannot fit XOR (accuracy ≤ 75%); one hidden layer fits it (100%)");
        var data = Datasets.Xor();
        var backend = context.Backend;

        // Logistic regression: ŷ = σ(x W + b), binary cross-entropy, batch gradient descent.
        var linear = new Sequential(new Linear(2, 1, new Xavier(), seed: 0, backend), new ActivationLayer(Activation.Sigmoid, backend: backend));
        var linearTrainer = new Trainer(linear, new Sgd(linear.Parameters(), 0.5)) { Mode = BatchMode.BatchGD, Epochs = 1000, TrackTrainAccuracy = false };
        linearTrainer.Fit(data);
        var linearEval = linearTrainer.Evaluate(data);

        // One hidden layer of 4 tanh units, softmax output over the 2 classes.
        var mlp = Sequential.Mlp([2, 4, 2], Activation.Tanh, seed: 0, backend: backend);
        var mlpTrainer = new Trainer(mlp, new Adam(mlp.Parameters(), 0.05)) { Mode = BatchMode.BatchGD, Epochs = 500, TrackTrainAccuracy = false };
        mlpTrainer.Fit(data);
        var mlpEval = mlpTrainer.Evaluate(data);

        double linearAccuracy = linearEval.Accuracy ?? 0, mlpAccuracy = mlpEval.Accuracy ?? 0;
        result.Line($"XOR: (0,0)→0, (0,1)→1, (1,0)→1, (1,1)→0");
        result.Line($"logistic regression (2 → 1, sigmoid), 1000 epochs of batch GD: predictions [{string.Join(", ", linearEval.Predictions)}], accuracy {linearAccuracy * 100:F0}%, loss {linearEval.Loss:F4}");
        result.Line($"one hidden layer (2 → 4 tanh → 2), 500 epochs of Adam: predictions [{string.Join(", ", mlpEval.Predictions)}], accuracy {mlpAccuracy * 100:F0}%, loss {mlpEval.Loss:F4}");
        result.Value("linearAccuracy", linearAccuracy);
        result.Value("linearLoss", linearEval.Loss);
        result.Value("mlpAccuracy", mlpAccuracy);
        result.Value("mlpLoss", mlpEval.Loss);

        foreach (var (model, file, title) in new[] { ((Layer)linear, "xor-linear.svg", "XOR: logistic regression (one straight boundary)"), (mlp, "xor-mlp.svg", "XOR: one hidden layer") })
        {
            var grid = DecisionGrid.Evaluate(points => ExampleModels.Classes(model, points, 2), -0.5, 1.5, -0.5, 1.5, 60, 60);
            var path = context.File(file);
            File.WriteAllText(path, SvgDecisionBoundary.Render(data.Features, data.Labels, data.ClassNames, grid, title));
            result.Files.Add(path);
        }

        result.Passed = linearAccuracy <= 0.75 && mlpAccuracy == 1.0;
        return result;
    }
}
