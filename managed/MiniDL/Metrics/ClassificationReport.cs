using System.Globalization;
using System.Text;

namespace MiniDL.Metrics;

/// <summary>
/// A per-class summary of a <see cref="ConfusionMatrix"/> (like scikit-learn's classification report):
/// precision, recall, F1 and support of every class, accuracy, and macro and micro averages.
/// </summary>
/// <param name="Classes">One entry per class.</param>
/// <param name="Accuracy">Correct predictions over all samples.</param>
/// <param name="Macro">Mean of the per-class precision, recall and F1 (support = total).</param>
/// <param name="Micro">Precision, recall and F1 from the summed TP, FP, FN (support = total).</param>
/// <remarks>Day 01, "Confusion Matrix" and "F1-Score and Variant"; formulas in <see cref="ClassificationMetrics"/>, 0/0 = 0.</remarks>
public sealed record ClassificationReport(IReadOnlyList<ClassScores> Classes, double Accuracy, ClassScores Macro, ClassScores Micro)
{
    /// <summary>Builds the report of a confusion matrix.</summary>
    /// <param name="matrix">The confusion matrix.</param>
    /// <param name="classNames">Class names; by default "0", "1", ….</param>
    /// <param name="beta">The β of the F-beta score (1: F-beta is F1).</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentException">The number of class names differs from the matrix's classes.</exception>
    /// <remarks>
    /// Macro averages are the mean over the classes; micro averages pool the counts (ΣTP, ΣFP, ΣFN, ΣTN) first.
    /// </remarks>
    public static ClassificationReport From(ConfusionMatrix matrix, IReadOnlyList<string>? classNames = null, double beta = 1.0)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        if (classNames is not null && classNames.Count != matrix.ClassCount)
        {
            throw new ArgumentException(
                $"ClassificationReport.From: {classNames.Count} class names for a {matrix.ClassCount}-class confusion matrix.", nameof(classNames));
        }

        var classes = new ClassScores[matrix.ClassCount];
        for (int c = 0; c < classes.Length; c++)
        {
            string name = classNames?[c] ?? c.ToString(CultureInfo.InvariantCulture);
            classes[c] = new ClassScores(
                name, matrix.Precision(c), matrix.Recall(c), matrix.F1(c), matrix.Support(c),
                matrix.Specificity(c), matrix.NegativePredictiveValue(c), matrix.FBeta(c, beta), beta);
        }

        long total = matrix.Total;
        long Sum(Func<int, long> count) => Enumerable.Range(0, matrix.ClassCount).Sum(count);
        double Mean(Func<ClassScores, double> value) => classes.Length == 0 ? double.NaN : classes.Average(value);
        long tn = Sum(matrix.TrueNegatives), fp = Sum(matrix.FalsePositives), fn = Sum(matrix.FalseNegatives);
        return new ClassificationReport(
            classes,
            matrix.Accuracy,
            new ClassScores(
                "macro avg", matrix.MacroPrecision, matrix.MacroRecall, matrix.MacroF1, total,
                Mean(c => c.Specificity), Mean(c => c.NegativePredictiveValue), Mean(c => c.FBeta), beta),
            new ClassScores(
                "micro avg", matrix.MicroPrecision, matrix.MicroRecall, matrix.MicroF1, total,
                ClassificationMetrics.Specificity(tn, fp), ClassificationMetrics.NegativePredictiveValue(tn, fn),
                ClassificationMetrics.FBeta(matrix.MicroPrecision, matrix.MicroRecall, beta), beta));
    }

    /// <summary>Builds the report straight from labels.</summary>
    /// <param name="actual">True labels.</param>
    /// <param name="predicted">Predicted labels.</param>
    /// <param name="classNames">Class names; their count is the number of classes.</param>
    /// <returns>The report.</returns>
    public static ClassificationReport From(int[] actual, int[] predicted, IReadOnlyList<string> classNames)
    {
        ArgumentNullException.ThrowIfNull(classNames);
        return From(new ConfusionMatrix(actual, predicted, classNames.Count), classNames);
    }

    /// <summary>The β of the F-beta column (1 when F-beta is F1).</summary>
    public double Beta => Macro.Beta;

    /// <summary>The header of the F-beta column, e.g. "f2" or "f0.5".</summary>
    public string FBetaName => "f" + Beta.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>
    /// A plain-text table: one line per class (precision, recall, F1, the F-beta column when β ≠ 1, specificity, NPV,
    /// support), then accuracy and the two averages; values with 4 decimals.
    /// </summary>
    /// <returns>The table, lines separated by '\n'.</returns>
    public string ToText()
    {
        int width = Math.Max(12, Classes.Select(c => c.Name.Length).DefaultIfEmpty(0).Max() + 2);
        bool fBeta = Beta != 1.0 && !double.IsNaN(Macro.FBeta);
        var text = new StringBuilder();
        text.Append(Pad("", width))
            .Append("precision".PadLeft(10)).Append("recall".PadLeft(10)).Append("f1".PadLeft(10));
        if (fBeta)
        {
            text.Append(FBetaName.PadLeft(10));
        }

        text.Append("specificity".PadLeft(12)).Append("npv".PadLeft(10)).Append("support".PadLeft(10)).Append('\n');
        foreach (var c in Classes)
        {
            AppendRow(text, c, width, fBeta);
        }

        text.Append('\n');
        text.Append(Pad("accuracy", width))
            .Append(' ', 20)
            .Append(Format(Accuracy))
            .Append(' ', (fBeta ? 10 : 0) + 22)
            .Append(Macro.Support.ToString(CultureInfo.InvariantCulture).PadLeft(10))
            .Append('\n');
        AppendRow(text, Macro, width, fBeta);
        AppendRow(text, Micro, width, fBeta);
        return text.ToString();
    }

    private static void AppendRow(StringBuilder text, ClassScores row, int width, bool fBeta)
    {
        text.Append(Pad(row.Name, width)).Append(Format(row.Precision)).Append(Format(row.Recall)).Append(Format(row.F1));
        if (fBeta)
        {
            text.Append(Format(row.FBeta));
        }

        text.Append(Format(row.Specificity).PadLeft(12)).Append(Format(row.NegativePredictiveValue))
            .Append(row.Support.ToString(CultureInfo.InvariantCulture).PadLeft(10))
            .Append('\n');
    }

    private static string Format(double value) => (double.IsNaN(value) ? "-" : value.ToString("0.0000", CultureInfo.InvariantCulture)).PadLeft(10);

    private static string Pad(string text, int width) => text.PadRight(width);
}
