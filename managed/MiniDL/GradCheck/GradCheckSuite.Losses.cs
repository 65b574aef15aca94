using MiniDL.Autograd.Losses;

namespace MiniDL.GradCheck;

public static partial class GradCheckSuite
{
    private static readonly HashSet<int> LossTargetIsConstant = [1];

    /// <summary>
    /// The losses; input 1 is always the target (a constant). Kink-free points: MAE errors at least 0.1 from 0, hinge
    /// margins <c>s_j − s_y + 1</c> at least 0.1 from 0; probabilities inside (0.05, 0.95).
    /// </summary>
    static partial void AddLosses(List<GradCheckCase> cases)
    {
        cases.Add(new("mse", v => MeanSquaredError.Forward(v[0], v[1]), (b, r) => [Uniform(b, r, 4, 3), Uniform(b, r, 4, 3)], LossTargetIsConstant));
        cases.Add(new("mae", v => MeanAbsoluteError.Forward(v[0], v[1]), (b, r) => MaeInputs(b, r, 4, 3), LossTargetIsConstant));
        cases.Add(new("bce(mean)", v => BinaryCrossEntropy.Forward(v[0], v[1], Reduction.Mean), (b, r) => BceInputs(b, r, 5, 2), LossTargetIsConstant));
        cases.Add(new("bce(sum)", v => BinaryCrossEntropy.Forward(v[0], v[1], Reduction.Sum), (b, r) => BceInputs(b, r, 5, 2), LossTargetIsConstant));
        cases.Add(new("cce", v => CategoricalCrossEntropy.Forward(v[0], v[1]), (b, r) => [Uniform(b, r, 4, 5, 0.05, 0.95), OneHot(b, r, 4, 5)], LossTargetIsConstant));
        cases.Add(new("cce(sum)", v => CategoricalCrossEntropy.Forward(v[0], v[1], Reduction.Sum), (b, r) => [Uniform(b, r, 4, 5, 0.05, 0.95), OneHot(b, r, 4, 5)], LossTargetIsConstant));
        cases.Add(new("softmax_cross_entropy", v => SoftmaxCrossEntropy.Forward(v[0], v[1]), (b, r) => [Uniform(b, r, 4, 5, -3, 3), OneHot(b, r, 4, 5)], LossTargetIsConstant));
        cases.Add(new("softmax_cross_entropy(soft targets)", v => SoftmaxCrossEntropy.Forward(v[0], v[1]), (b, r) => [Uniform(b, r, 4, 5, -3, 3), SoftTargets(b, r, 4, 5)], LossTargetIsConstant));
        cases.Add(new("multiclass_svm", v => MulticlassSvm.Forward(v[0], v[1]), (b, r) => SvmInputs(b, r, 4, 5), LossTargetIsConstant));
        cases.Add(new(
            "weighted_cross_entropy",
            v => WeightedCrossEntropy.Forward(v[0], v[1], Tensor.Vector([0.9, 0.8, 0.7, 0.6], v[0].Backend)), // Day 01's example weights
            (b, r) => [Uniform(b, r, 5, 4, -3, 3), OneHot(b, r, 5, 4)],
            LossTargetIsConstant));
    }

    /// <summary>Prediction ŷ = y + e and target y with every error |e| in [0.1, 2] (away from the kink of |·|).</summary>
    public static Tensor[] MaeInputs(IBackend backend, Random rng, int rows, int columns)
    {
        var target = DrawUniformValues(rng, rows * columns);
        var prediction = new double[target.Length];
        for (int i = 0; i < target.Length; i++)
        {
            double e = 0.1 + 1.9 * rng.NextDouble();
            prediction[i] = target[i] + (rng.Next(2) == 0 ? -e : e);
        }

        return [Tensor.FromArray(prediction, rows, columns, backend), Tensor.FromArray(target, rows, columns, backend)];
    }

    /// <summary>Probabilities ŷ in [0.05, 0.95] and labels y ∈ {0, 1}.</summary>
    public static Tensor[] BceInputs(IBackend backend, Random rng, int rows, int columns)
    {
        var labels = new double[rows * columns];
        for (int i = 0; i < labels.Length; i++)
        {
            labels[i] = rng.Next(2);
        }

        return [Uniform(backend, rng, rows, columns, 0.05, 0.95), Tensor.FromArray(labels, rows, columns, backend)];
    }

    /// <summary>Rows of a probability distribution (positive, summing to 1): soft targets.</summary>
    public static Tensor SoftTargets(IBackend backend, Random rng, int rows, int classes)
    {
        var v = DrawUniformValues(rng, rows * classes, 0.1, 1);
        for (int i = 0; i < rows; i++)
        {
            double sum = 0;
            for (int j = 0; j < classes; j++)
            {
                sum += v[i * classes + j];
            }

            for (int j = 0; j < classes; j++)
            {
                v[i * classes + j] /= sum;
            }
        }

        return Tensor.FromArray(v, rows, classes, backend);
    }

    /// <summary>
    /// Scores and one-hot labels built so that every hinge margin <c>s_j − s_y + 1</c> (j ≠ y) is in ±[0.1, 2]: draw s_y,
    /// draw each margin away from 0, set <c>s_j = s_y − 1 + margin</c>.
    /// </summary>
    public static Tensor[] SvmInputs(IBackend backend, Random rng, int rows, int classes)
    {
        var scores = new double[rows * classes];
        var targets = new double[rows * classes];
        for (int i = 0; i < rows; i++)
        {
            int y = rng.Next(classes);
            double sy = -2 + 4 * rng.NextDouble();
            targets[i * classes + y] = 1;
            for (int j = 0; j < classes; j++)
            {
                double margin = 0.1 + 1.9 * rng.NextDouble();
                scores[i * classes + j] = j == y ? sy : sy - 1 + (rng.Next(2) == 0 ? -margin : margin);
            }
        }

        return [Tensor.FromArray(scores, rows, classes, backend), Tensor.FromArray(targets, rows, classes, backend)];
    }
}
