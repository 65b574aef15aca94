using MiniDL.Autograd;
using MiniDL.Autograd.Losses;

namespace MiniDL.Cli.Examples;

/// <summary>
/// Lesson 1's SVM vs softmax (IT4653 Lesson 1 "Introduction to deep learning"): the same linear classifier <c>s = W x + b</c>
/// scored by the multiclass hinge loss and by the softmax cross-entropy. First the lecture's single example
/// (scores −2.85, 0.86, 0.28 → hinge 1.58, cross-entropy 1.04), then a linear classifier on Iris trained once with each
/// loss from the same initial weights.
/// </summary>
public static class SvmVsSoftmaxExample
{
    /// <summary>Computes the lecture's numbers, trains both classifiers and checks the claim.</summary>
    /// <param name="context">Backend and output folder.</param>
    /// <returns>The result.</returns>
    public static ExampleResult Run(ExampleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var result = new ExampleResult("svm-vs-softmax", "the lecture's example gives hinge 1.58 and cross-entropy 1.04; both losses train a linear classifier on Iris to ≥ 80% test accuracy");
        var backend = context.Backend;

        // The lecture's W (3 classes × 4 pixels) and x; MiniDL's Linear holds Wᵀ (inputs × outputs) and takes x as a row.
        double[,] w = { { 0.01, -0.05, 0.1, 0.05 }, { 0.7, 0.2, 0.05, 0.16 }, { 0.0, -0.45, -0.2, 0.03 } };
        var wt = new double[12];
        for (int c = 0; c < 3; c++)
        {
            for (int p = 0; p < 4; p++)
            {
                wt[p * 3 + c] = w[c, p];
            }
        }

        var lecture = Linear.FromValues(wt, [0.0, 0.2, -0.3], 4, 3, backend);
        using var x = Tensor.FromArray([-15.0, 22, -44, 56], 1, 4, backend);
        using var t = Tensor.FromArray([0.0, 0, 1], 1, 3, backend);
        var scores = lecture.Forward(Node.Constant(x));
        var s = scores.Value.ToArray();
        var hinge = MulticlassSvm.Forward(scores, Node.Constant(t));
        var crossEntropy = SoftmaxCrossEntropy.Forward(scores, Node.Constant(t));
        double hingeValue = hinge.Value.Item(), ceValue = crossEntropy.Value.Item();
        result.Line($"lecture example (true class 2): scores {s[0]:F2}, {s[1]:F2}, {s[2]:F2}; hinge loss {hingeValue:F2} (lecture 1.58); softmax cross-entropy {ceValue:F2} (lecture 1.04)");

        // Iris, standardized, a seeded 70/30 split; a linear classifier 4 → 3 trained with each loss from the same weights.
        var split = Splits.TrainValidationTest(Datasets.Iris(), 0, 0.3, seed: 0);
        var pre = Preprocessing.Standardize(split.Train);
        var (train, test) = (pre.Apply(split.Train), pre.Apply(split.Test));
        var runs = new (string Name, string Key, Func<Node, Node, Node> Loss)[]
        {
            ("multiclass SVM (hinge)", "svm", (a, b) => MulticlassSvm.Forward(a, b)),
            ("softmax cross-entropy", "softmax", SoftmaxCrossEntropy.Forward),
        };
        bool trainedWell = true;
        foreach (var (name, key, loss) in runs)
        {
            var model = new Linear(4, 3, new MiniDL.Initializers.Xavier(), seed: 0, backend);
            var trainer = new Trainer(model, new Sgd(model.Parameters(), 0.05)) { Loss = loss, BatchSize = 16, Epochs = 100, Seed = 0, TrackTrainAccuracy = false };
            var history = trainer.Fit(train);
            var evaluation = trainer.Evaluate(test);
            double accuracy = evaluation.Accuracy ?? 0;
            trainedWell &= accuracy >= 0.8;
            result.Line($"iris, linear 4 → 3 with {name}: final training loss {history.Last.Loss:F4}, test loss {evaluation.Loss:F4}, test accuracy {accuracy * 100:F1}% ({test.Count} flowers)");
            result.Value(key + "TrainLoss", history.Last.Loss);
            result.Value(key + "TestLoss", evaluation.Loss);
            result.Value(key + "TestAccuracy", accuracy);
        }

        result.Value("lectureScores", s);
        result.Value("lectureHinge", hingeValue);
        result.Value("lectureCrossEntropy", ceValue);
        result.Passed = Math.Abs(hingeValue - 1.58) < 0.005 && Math.Abs(ceValue - 1.04) < 0.005 && trainedWell;
        return result;
    }
}
