using MiniDL.Autograd.Activations;

namespace MiniDL.Cli.Examples;

/// <summary>
/// Lesson 7's classification example: the number of "sale" words in an e-mail (10, 12 spam; 2, 6 not spam) →
/// logistic regression <c>p(spam) = σ(w · count + b)</c>, fitted by gradient descent on the binary cross-entropy.
/// Prints w, b, the decision boundary <c>count = −b/w</c> and the four e-mails' probabilities.
/// </summary>
public static class SpamExample
{
    /// <summary>Fits the model and checks that every e-mail is classified correctly.</summary>
    /// <param name="context">Backend and output folder.</param>
    /// <returns>The result.</returns>
    public static ExampleResult Run(ExampleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var result = new ExampleResult("spam", "logistic regression on the count of \"sale\" separates spam (10, 12) from not spam (2, 6)");
        var data = Datasets.Spam();
        var linear = Linear.FromValues([0.0], [0.0], 1, 1, context.Backend);
        var model = new Sequential(linear, new ActivationLayer(Activation.Sigmoid, backend: context.Backend));
        var trainer = new Trainer(model, new Sgd(model.Parameters(), 0.1)) { Mode = BatchMode.BatchGD, Epochs = 2000, Shuffle = false, TrackTrainAccuracy = false };
        var history = trainer.Fit(data);
        double w = linear.Weight.Value.ToArray()[0], b = linear.Bias.Value.ToArray()[0];
        var p = ExampleModels.Outputs(model, data.Features, 1);
        bool allRight = true;
        result.Line($"{history.Epochs.Count} epochs of batch gradient descent (lr 0.1) on the mean binary cross-entropy, final loss {history.Last.Loss:F4}");
        result.Line($"learned: w = {w:F4}, b = {b:F4}, so p(spam) = σ({w:F4} · count {(b < 0 ? "−" : "+")} {Math.Abs(b):F4}); boundary p = 0.5 at count = −b/w = {-b / w:F2}");
        for (int i = 0; i < data.Count; i++)
        {
            bool spam = data.Labels[i] == 1;
            allRight &= (p[i] >= 0.5) == spam;
            result.Line($"  e-mail {i + 1}: {data.Features[i]} × \"sale\" → p(spam) = {p[i]:F4} ({(p[i] >= 0.5 ? "spam" : "not spam")}; actually {data.ClassNames[data.Labels[i]]})");
        }

        result.Value("w", w);
        result.Value("b", b);
        result.Value("boundary", -b / w);
        result.Value("probabilities", p);
        result.Passed = allRight;
        return result;
    }
}
