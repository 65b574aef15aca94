namespace MiniDL.Metrics;

/// <summary>Day 01's per-class metrics (one class against the rest): precision, recall, F1, specificity, NPV, F-beta, support.</summary>
/// <param name="Name">The class name.</param>
/// <param name="Precision">TP / (TP + FP).</param>
/// <param name="Recall">TP / (TP + FN).</param>
/// <param name="F1">2PR / (P + R).</param>
/// <param name="Support">Number of samples actually of this class.</param>
/// <param name="Specificity">TN / (TN + FP); NaN when not computed.</param>
/// <param name="NegativePredictiveValue">NPV = TN / (TN + FN); NaN when not computed.</param>
/// <param name="FBeta">(1 + β²)PR / (β²P + R); NaN when not computed.</param>
/// <param name="Beta">The β of <paramref name="FBeta"/>.</param>
public sealed record ClassScores(
    string Name,
    double Precision,
    double Recall,
    double F1,
    long Support,
    double Specificity = double.NaN,
    double NegativePredictiveValue = double.NaN,
    double FBeta = double.NaN,
    double Beta = 1.0);
