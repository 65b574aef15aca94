namespace MiniDL.Metrics;

/// <summary>Precision, recall, F1 and support of one class.</summary>
/// <param name="Name">The class name.</param>
/// <param name="Precision">TP / (TP + FP).</param>
/// <param name="Recall">TP / (TP + FN).</param>
/// <param name="F1">2PR / (P + R).</param>
/// <param name="Support">Number of samples actually of this class.</param>
public sealed record ClassScores(string Name, double Precision, double Recall, double F1, long Support);
