using MiniDL.Metrics;

namespace MiniDL.Tests.Metrics;

public class ClassificationMetricsTests
{
    [Test]
    public void Precision_NothingPredictedPositive_IsZeroNotNaN()
    {
        Assert.That(ClassificationMetrics.Precision(0, 0), Is.EqualTo(0));
    }

    [Test]
    public void F1_PrecisionAndRecallZero_IsZero()
    {
        Assert.That(ClassificationMetrics.F1(0, 0), Is.EqualTo(0));
    }

    [Test]
    public void FBeta_BetaOne_EqualsF1()
    {
        // F1 is the harmonic mean 2PR / (P + R) = 2 · 0.3 · 0.9 / 1.2 = 0.54 / 1.2 = 0.45. (F1 calls FBeta(P, R, 1), so
        // comparing the two alone could not fail: a factor missing from both would pass.)
        Assert.That(ClassificationMetrics.FBeta(0.3, 0.9, 1), Is.EqualTo(0.45).Within(1e-15));
        Assert.That(ClassificationMetrics.F1(0.3, 0.9), Is.EqualTo(0.45).Within(1e-15));
    }

    [Test]
    public void FBeta_LargeBeta_MovesTowardRecall()
    {
        // P = 0.5, R = 1: F1 = 1/1.5 = 0.6667; F2 = 5·0.5/(4·0.5 + 1) = 2.5/3 = 0.8333; F0.5 = 1.25·0.5/(0.125 + 1) = 0.5556.
        Assert.Multiple(() =>
        {
            Assert.That(ClassificationMetrics.FBeta(0.5, 1, 2), Is.EqualTo(2.5 / 3).Within(1e-12));
            Assert.That(ClassificationMetrics.FBeta(0.5, 1, 0.5), Is.EqualTo(0.625 / 1.125).Within(1e-12));
        });
    }

    [TestCase(0.0)]
    [TestCase(-1.0)]
    [TestCase(double.NaN)]
    public void FBeta_NonPositiveBeta_Throws(double beta)
    {
        var e = Assert.Throws<ArgumentException>(() => ClassificationMetrics.FBeta(0.5, 0.5, beta));
        Assert.That(e!.Message, Does.Contain("beta"));
    }

    [Test]
    public void Accuracy_Counts_CorrectOverTotal()
    {
        Assert.That(ClassificationMetrics.Accuracy(20, 500, 1, 10), Is.EqualTo(520.0 / 531));
    }
}
