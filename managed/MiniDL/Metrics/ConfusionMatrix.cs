namespace MiniDL.Metrics;

/// <summary>
/// A multi-class confusion matrix: <c>counts[actual, predicted]</c> is the number of samples of class
/// <c>actual</c> that the model predicted as <c>predicted</c>. Rows are actual classes, columns predicted.
/// </summary>
/// <remarks>
/// <para>
/// Day 01, evaluation, "Confusion Matrix": a table of actual
/// class (rows) against predicted class (columns). For a chosen positive class <c>c</c> the other classes
/// together are "negative", which gives the lecture's binary view:
/// TP = <c>counts[c, c]</c>; FN = row <c>c</c> minus TP (Type II error); FP = column <c>c</c> minus TP
/// (Type I error); TN = everything else. Every per-class metric uses that view and
/// <see cref="ClassificationMetrics"/> (0/0 is defined as 0).
/// </para>
/// <para>
/// Averages: the <em>macro</em> average is the plain mean of the per-class values (every class counts
/// the same, however rare); the <em>micro</em> average adds up TP, FP and FN over all classes first.
/// For single-label multi-class data every error is one FP and one FN, so micro precision = micro
/// recall = micro F1 = accuracy.
/// </para>
/// </remarks>
public sealed partial class ConfusionMatrix
{
    private readonly long[,] counts;

    /// <summary>Counts actual against predicted labels.</summary>
    /// <param name="actual">The true labels, each in <c>0 .. classes - 1</c>.</param>
    /// <param name="predicted">The predicted labels, same length, each in <c>0 .. classes - 1</c>.</param>
    /// <param name="classes">Number of classes, at least 1.</param>
    /// <exception cref="ArgumentException">The lengths differ, <paramref name="classes"/> is below 1, or a label is out of range.</exception>
    public ConfusionMatrix(int[] actual, int[] predicted, int classes)
    {
        ArgumentNullException.ThrowIfNull(actual);
        ArgumentNullException.ThrowIfNull(predicted);
        if (classes < 1)
        {
            throw new ArgumentException($"ConfusionMatrix: classes must be at least 1, got {classes}.", nameof(classes));
        }

        if (actual.Length != predicted.Length)
        {
            throw new ArgumentException(
                $"ConfusionMatrix: {actual.Length} actual labels but {predicted.Length} predicted labels.", nameof(predicted));
        }

        counts = new long[classes, classes];
        for (int i = 0; i < actual.Length; i++)
        {
            if (actual[i] < 0 || actual[i] >= classes || predicted[i] < 0 || predicted[i] >= classes)
            {
                throw new ArgumentException(
                    $"ConfusionMatrix: sample {i} has actual {actual[i]} and predicted {predicted[i]}; both must be in 0..{classes - 1}.");
            }

            counts[actual[i], predicted[i]]++;
        }
    }

    private ConfusionMatrix(long[,] counts) => this.counts = counts;

    /// <summary>Builds a matrix from given counts <c>[actual, predicted]</c>.</summary>
    /// <param name="counts">A square matrix of non-negative counts.</param>
    /// <returns>The confusion matrix (the counts are copied).</returns>
    /// <exception cref="ArgumentException">The matrix is not square, is empty, or has a negative count.</exception>
    public static ConfusionMatrix FromCounts(long[,] counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        int n = counts.GetLength(0);
        if (n < 1 || counts.GetLength(1) != n)
        {
            throw new ArgumentException($"ConfusionMatrix.FromCounts: needs a non-empty square matrix, got {n}×{counts.GetLength(1)}.", nameof(counts));
        }

        foreach (long value in counts)
        {
            if (value < 0)
            {
                throw new ArgumentException($"ConfusionMatrix.FromCounts: counts must be non-negative, found {value}.", nameof(counts));
            }
        }

        return new ConfusionMatrix((long[,])counts.Clone());
    }

    /// <summary>
    /// Builds the binary matrix of the lecture's table from its four counts. Class 1 is "positive" and class 0
    /// "negative", so use <see cref="PositiveClass"/> (= 1) with the per-class methods.
    /// </summary>
    /// <param name="truePositives">TP: actual positive, predicted positive.</param>
    /// <param name="falseNegatives">FN: actual positive, predicted negative.</param>
    /// <param name="falsePositives">FP: actual negative, predicted positive.</param>
    /// <param name="trueNegatives">TN: actual negative, predicted negative.</param>
    /// <returns>A 2×2 confusion matrix.</returns>
    /// <exception cref="ArgumentException">A count is negative.</exception>
    public static ConfusionMatrix FromBinaryCounts(long truePositives, long falseNegatives, long falsePositives, long trueNegatives) =>
        FromCounts(new long[,] { { trueNegatives, falsePositives }, { falseNegatives, truePositives } });

    /// <summary>The class index that <see cref="FromBinaryCounts"/> uses as "positive" (1).</summary>
    public const int PositiveClass = 1;

    /// <summary>Number of classes.</summary>
    public int ClassCount => counts.GetLength(0);

    /// <summary>Total number of samples counted.</summary>
    public long Total
    {
        get
        {
            long total = 0;
            foreach (long value in counts)
            {
                total += value;
            }

            return total;
        }
    }

    /// <summary>The number of samples of class <paramref name="actual"/> predicted as <paramref name="predicted"/>.</summary>
    /// <param name="actual">Actual class (row).</param>
    /// <param name="predicted">Predicted class (column).</param>
    /// <returns>The count.</returns>
    public long this[int actual, int predicted] => counts[actual, predicted];

    /// <summary>A copy of the counts, <c>[actual, predicted]</c>.</summary>
    /// <returns>A new <c>ClassCount × ClassCount</c> array.</returns>
    public long[,] ToArray() => (long[,])counts.Clone();

    /// <summary>Number of samples whose actual class is <paramref name="c"/> (the row sum, the class's "support").</summary>
    /// <param name="c">The class.</param>
    /// <returns>The support.</returns>
    public long Support(int c)
    {
        CheckClass(c, nameof(Support));
        long sum = 0;
        for (int p = 0; p < ClassCount; p++)
        {
            sum += counts[c, p];
        }

        return sum;
    }

    /// <summary>TP for positive class <paramref name="c"/>: <c>counts[c, c]</c>.</summary>
    /// <param name="c">The positive class.</param>
    /// <returns>The true positives.</returns>
    public long TruePositives(int c)
    {
        CheckClass(c, nameof(TruePositives));
        return counts[c, c];
    }

    /// <summary>FN for positive class <paramref name="c"/>: actual <c>c</c>, predicted something else.</summary>
    /// <param name="c">The positive class.</param>
    /// <returns>The false negatives (Type II errors).</returns>
    public long FalseNegatives(int c) => Support(c) - TruePositives(c);

    /// <summary>FP for positive class <paramref name="c"/>: predicted <c>c</c>, actually something else.</summary>
    /// <param name="c">The positive class.</param>
    /// <returns>The false positives (Type I errors).</returns>
    public long FalsePositives(int c)
    {
        CheckClass(c, nameof(FalsePositives));
        long sum = 0;
        for (int a = 0; a < ClassCount; a++)
        {
            sum += counts[a, c];
        }

        return sum - counts[c, c];
    }

    /// <summary>TN for positive class <paramref name="c"/>: neither actual nor predicted <c>c</c>.</summary>
    /// <param name="c">The positive class.</param>
    /// <returns>The true negatives.</returns>
    public long TrueNegatives(int c) => Total - TruePositives(c) - FalseNegatives(c) - FalsePositives(c);

    /// <summary>Precision of class <paramref name="c"/>: <c>TP / (TP + FP)</c>, 0/0 = 0.</summary>
    /// <param name="c">The class.</param>
    /// <returns>The precision.</returns>
    public double Precision(int c) => ClassificationMetrics.Precision(TruePositives(c), FalsePositives(c));

    /// <summary>Recall of class <paramref name="c"/>: <c>TP / (TP + FN)</c>, 0/0 = 0.</summary>
    /// <param name="c">The class.</param>
    /// <returns>The recall.</returns>
    public double Recall(int c) => ClassificationMetrics.Recall(TruePositives(c), FalseNegatives(c));

    /// <summary>Sensitivity of class <paramref name="c"/>, another name for <see cref="Recall"/>.</summary>
    /// <param name="c">The class.</param>
    /// <returns>The sensitivity.</returns>
    public double Sensitivity(int c) => Recall(c);

    /// <summary>Specificity of class <paramref name="c"/>: <c>TN / (TN + FP)</c>, 0/0 = 0.</summary>
    /// <param name="c">The class.</param>
    /// <returns>The specificity.</returns>
    public double Specificity(int c) => ClassificationMetrics.Specificity(TrueNegatives(c), FalsePositives(c));

    /// <summary>Negative predictive value of class <paramref name="c"/>: <c>TN / (TN + FN)</c>, 0/0 = 0.</summary>
    /// <param name="c">The class.</param>
    /// <returns>The negative predictive value.</returns>
    public double NegativePredictiveValue(int c) => ClassificationMetrics.NegativePredictiveValue(TrueNegatives(c), FalseNegatives(c));

    /// <summary>F1 of class <paramref name="c"/>: <c>2PR / (P + R)</c>, 0 when P + R = 0.</summary>
    /// <param name="c">The class.</param>
    /// <returns>The F1 score.</returns>
    public double F1(int c) => ClassificationMetrics.F1(Precision(c), Recall(c));

    /// <summary>F-beta of class <paramref name="c"/>: <c>(1 + β²) PR / (β² P + R)</c>.</summary>
    /// <param name="c">The class.</param>
    /// <param name="beta">β &gt; 0.</param>
    /// <returns>The F-beta score.</returns>
    public double FBeta(int c, double beta) => ClassificationMetrics.FBeta(Precision(c), Recall(c), beta);

    /// <summary>Accuracy: the diagonal over the total, <c>Σ_c counts[c, c] / N</c> (for two classes, <c>(TP + TN) / N</c>).</summary>
    public double Accuracy
    {
        get
        {
            long correct = 0;
            for (int c = 0; c < ClassCount; c++)
            {
                correct += counts[c, c];
            }

            return ClassificationMetrics.Ratio(correct, Total);
        }
    }

    /// <summary>Macro-averaged precision: the mean of the per-class precisions.</summary>
    public double MacroPrecision => Mean(Precision);

    /// <summary>Macro-averaged recall: the mean of the per-class recalls.</summary>
    public double MacroRecall => Mean(Recall);

    /// <summary>Macro-averaged F1: the mean of the per-class F1 scores.</summary>
    public double MacroF1 => Mean(F1);

    /// <summary>Micro-averaged precision: <c>Σ TP / (Σ TP + Σ FP)</c> over classes (equals <see cref="Accuracy"/> here).</summary>
    public double MicroPrecision => ClassificationMetrics.Precision(Sum(TruePositives), Sum(FalsePositives));

    /// <summary>Micro-averaged recall: <c>Σ TP / (Σ TP + Σ FN)</c> over classes (equals <see cref="Accuracy"/> here).</summary>
    public double MicroRecall => ClassificationMetrics.Recall(Sum(TruePositives), Sum(FalseNegatives));

    /// <summary>Micro-averaged F1: F1 of the micro precision and recall.</summary>
    public double MicroF1 => ClassificationMetrics.F1(MicroPrecision, MicroRecall);

    private double Mean(Func<int, double> metric)
    {
        double sum = 0;
        for (int c = 0; c < ClassCount; c++)
        {
            sum += metric(c);
        }

        return sum / ClassCount;
    }

    private long Sum(Func<int, long> count)
    {
        long sum = 0;
        for (int c = 0; c < ClassCount; c++)
        {
            sum += count(c);
        }

        return sum;
    }

    private void CheckClass(int c, string operation)
    {
        if (c < 0 || c >= ClassCount)
        {
            throw new ArgumentException($"ConfusionMatrix.{operation}: class {c} is outside 0..{ClassCount - 1}.", nameof(c));
        }
    }
}
