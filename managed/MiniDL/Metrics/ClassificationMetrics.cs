namespace MiniDL.Metrics;

/// <summary>
/// The Day 01 evaluation formulas on the four counts of a binary confusion matrix
/// (TP, FN, FP, TN). A 0/0 is defined as 0 everywhere here.
/// </summary>
/// <remarks>
/// <para>Day 01, "Confusion Matrix", "Precision, Recall, Accuracy" and "F1-Score and Variant":</para>
/// <list type="bullet">
/// <item>precision <c>TP / (TP + FP)</c>: of the samples predicted positive, the fraction that are positive;</item>
/// <item>recall = sensitivity = true positive rate <c>TP / (TP + FN)</c>: of the positive samples, the fraction found;</item>
/// <item>specificity <c>TN / (TN + FP)</c>; negative predictive value <c>TN / (TN + FN)</c>;</item>
/// <item>accuracy <c>(TP + TN) / (TP + TN + FP + FN)</c>;</item>
/// <item>F1 <c>2 / (1/P + 1/R) = 2PR / (P + R)</c>, the harmonic mean of precision and recall;</item>
/// <item>F-beta <c>(1 + β²) · PR / (β²P + R)</c>: β &gt; 1 weighs recall more (F2 for disease detection), β &lt; 1 precision more.</item>
/// </list>
/// <para>
/// When a denominator is 0 (e.g. precision of a class never predicted), the result is 0, as in
/// scikit-learn's default <c>zero_division</c> warning value; it is never NaN.
/// </para>
/// </remarks>
public static class ClassificationMetrics
{
    /// <summary>Precision <c>TP / (TP + FP)</c> (0 when nothing was predicted positive).</summary>
    /// <param name="truePositives">TP.</param>
    /// <param name="falsePositives">FP.</param>
    /// <returns>The precision in [0, 1].</returns>
    public static double Precision(long truePositives, long falsePositives) =>
        Ratio(truePositives, truePositives + falsePositives);

    /// <summary>Recall = sensitivity <c>TP / (TP + FN)</c> (0 when there is no positive sample).</summary>
    /// <param name="truePositives">TP.</param>
    /// <param name="falseNegatives">FN.</param>
    /// <returns>The recall in [0, 1].</returns>
    public static double Recall(long truePositives, long falseNegatives) =>
        Ratio(truePositives, truePositives + falseNegatives);

    /// <summary>Specificity <c>TN / (TN + FP)</c> (0 when there is no negative sample).</summary>
    /// <param name="trueNegatives">TN.</param>
    /// <param name="falsePositives">FP.</param>
    /// <returns>The specificity in [0, 1].</returns>
    public static double Specificity(long trueNegatives, long falsePositives) =>
        Ratio(trueNegatives, trueNegatives + falsePositives);

    /// <summary>Negative predictive value <c>TN / (TN + FN)</c> (0 when nothing was predicted negative).</summary>
    /// <param name="trueNegatives">TN.</param>
    /// <param name="falseNegatives">FN.</param>
    /// <returns>The negative predictive value in [0, 1].</returns>
    public static double NegativePredictiveValue(long trueNegatives, long falseNegatives) =>
        Ratio(trueNegatives, trueNegatives + falseNegatives);

    /// <summary>Accuracy <c>(TP + TN) / (TP + TN + FP + FN)</c> (0 for no samples).</summary>
    /// <param name="truePositives">TP.</param>
    /// <param name="trueNegatives">TN.</param>
    /// <param name="falsePositives">FP.</param>
    /// <param name="falseNegatives">FN.</param>
    /// <returns>The accuracy in [0, 1].</returns>
    public static double Accuracy(long truePositives, long trueNegatives, long falsePositives, long falseNegatives) =>
        Ratio(truePositives + trueNegatives, truePositives + trueNegatives + falsePositives + falseNegatives);

    /// <summary>F1 <c>2PR / (P + R)</c> (0 when P + R = 0).</summary>
    /// <param name="precision">P.</param>
    /// <param name="recall">R.</param>
    /// <returns>The F1 score in [0, 1].</returns>
    public static double F1(double precision, double recall) => FBeta(precision, recall, 1.0);

    /// <summary>F-beta <c>(1 + β²) PR / (β² P + R)</c> (0 when the denominator is 0).</summary>
    /// <param name="precision">P.</param>
    /// <param name="recall">R.</param>
    /// <param name="beta">β &gt; 0; β = 1 gives F1.</param>
    /// <returns>The F-beta score in [0, 1].</returns>
    /// <exception cref="ArgumentException">β is not positive.</exception>
    public static double FBeta(double precision, double recall, double beta)
    {
        if (!(beta > 0) || double.IsInfinity(beta))
        {
            throw new ArgumentException($"ClassificationMetrics.FBeta: beta must be a positive finite number, got {beta}.", nameof(beta));
        }

        double b2 = beta * beta;
        double denominator = b2 * precision + recall;
        return denominator == 0 ? 0 : (1 + b2) * precision * recall / denominator;
    }

    /// <summary><c>numerator / denominator</c>, with 0/0 defined as 0.</summary>
    /// <param name="numerator">The numerator.</param>
    /// <param name="denominator">The denominator, at least 0.</param>
    /// <returns>The ratio, or 0 when the denominator is 0.</returns>
    public static double Ratio(long numerator, long denominator) =>
        denominator == 0 ? 0 : (double)numerator / denominator;
}
