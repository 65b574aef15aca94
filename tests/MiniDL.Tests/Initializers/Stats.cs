namespace MiniDL.Tests.Initializers;

/// <summary>Sample mean and standard deviation for the initializer tests.</summary>
internal static class Stats
{
    public static (double Mean, double Std) MeanStd(double[] values)
    {
        double mean = values.Average();
        double variance = values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1);
        return (mean, Math.Sqrt(variance));
    }

    /// <summary>
    /// Asserts the sample mean and std of n normal-like samples are within 5 standard errors:
    /// SE(mean) = σ/√n, SE(std) ≈ σ/√(2n) (normal data; <paramref name="stdErrorFactor"/> adjusts for other shapes).
    /// </summary>
    public static void AssertMeanStd(double[] values, double mean, double sigma, double stdErrorFactor = 1.0)
    {
        var (m, s) = MeanStd(values);
        double n = values.Length;
        Assert.That(m, Is.EqualTo(mean).Within(5 * sigma / Math.Sqrt(n)), "sample mean");
        Assert.That(s, Is.EqualTo(sigma).Within(5 * stdErrorFactor * sigma / Math.Sqrt(2 * n)), "sample std");
    }
}
