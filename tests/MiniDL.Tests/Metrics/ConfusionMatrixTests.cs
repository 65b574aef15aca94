using MiniDL.Metrics;

namespace MiniDL.Tests.Metrics;

public class ConfusionMatrixTests
{
    // Day 01's Covid table: actual Covid → 20 predicted Covid (TP), 10 predicted not (FN);
    // actual not Covid → 1 predicted Covid (FP), 500 predicted not (TN).
    private static ConfusionMatrix Day01() => ConfusionMatrix.FromBinaryCounts(20, 10, 1, 500);

    private const int Positive = ConfusionMatrix.PositiveClass;

    [Test]
    public void FromBinaryCounts_Day01_RecoversFourCounts()
    {
        var m = Day01();
        Assert.Multiple(() =>
        {
            Assert.That(m.TruePositives(Positive), Is.EqualTo(20));
            Assert.That(m.FalseNegatives(Positive), Is.EqualTo(10));
            Assert.That(m.FalsePositives(Positive), Is.EqualTo(1));
            Assert.That(m.TrueNegatives(Positive), Is.EqualTo(500));
            Assert.That(m.Total, Is.EqualTo(531));
        });
    }

    [Test]
    public void Metrics_Day01Example_MatchLectureFractions()
    {
        var m = Day01();
        Assert.Multiple(() =>
        {
            Assert.That(m.Precision(Positive), Is.EqualTo(20.0 / 21).Within(1e-15));
            Assert.That(m.Recall(Positive), Is.EqualTo(20.0 / 30).Within(1e-15));
            Assert.That(m.Sensitivity(Positive), Is.EqualTo(20.0 / 30).Within(1e-15));
            Assert.That(m.Accuracy, Is.EqualTo(520.0 / 531).Within(1e-15));
            Assert.That(m.Specificity(Positive), Is.EqualTo(500.0 / 501).Within(1e-15));
            Assert.That(m.NegativePredictiveValue(Positive), Is.EqualTo(500.0 / 510).Within(1e-15));
        });
    }

    [Test]
    public void FScores_Day01Example_MatchHandComputation()
    {
        // By hand: P = 20/21, R = 2/3.
        // F1 = 2PR/(P+R) = (80/63)/(102/63) = 80/102 = 40/51 ≈ 0.7843 (same as 2TP/(2TP+FP+FN) = 40/51).
        // F2 = 5PR/(4P+R) = (200/63)/(282/63) = 100/141 ≈ 0.7092 (closer to the low recall).
        // F0.5 = 1.25PR/(0.25P+R) = 25 TP-units/(25 + 0.25·10 + 1) = 25/28.5 = 50/57 ≈ 0.8772 (closer to the high precision).
        var m = Day01();
        Assert.Multiple(() =>
        {
            Assert.That(m.F1(Positive), Is.EqualTo(40.0 / 51).Within(1e-12));
            Assert.That(m.FBeta(Positive, 2), Is.EqualTo(100.0 / 141).Within(1e-12));
            Assert.That(m.FBeta(Positive, 0.5), Is.EqualTo(50.0 / 57).Within(1e-12));
        });
    }

    // 3-class example, counted by hand from
    // actual    = 0 0 0 0 1 1 1 2 2 2
    // predicted = 0 0 1 2 1 1 0 2 2 1
    // counts[actual, predicted] = [[2, 1, 1], [1, 2, 0], [0, 1, 2]].
    private static ConfusionMatrix ThreeClass() =>
        new([0, 0, 0, 0, 1, 1, 1, 2, 2, 2], [0, 0, 1, 2, 1, 1, 0, 2, 2, 1], 3);

    [Test]
    public void Constructor_ThreeClass_CountsActualByPredicted()
    {
        Assert.That(ThreeClass().ToArray(), Is.EqualTo(new long[,] { { 2, 1, 1 }, { 1, 2, 0 }, { 0, 1, 2 } }));
    }

    [Test]
    public void PerClass_ThreeClass_MatchHandComputation()
    {
        // class 0: TP 2, FN 2, FP 1 (column 0 = 2+1+0), TN 10−5 = 5 → P 2/3, R 1/2, F1 4/7, spec 5/6, NPV 5/7.
        // class 1: TP 2, FN 1, FP 2 (column 1 = 1+2+1), TN 5 → P 1/2, R 2/3, F1 4/7.
        // class 2: TP 2, FN 1, FP 1 (column 2 = 1+0+2), TN 6 → P 2/3, R 2/3, F1 2/3.
        var m = ThreeClass();
        Assert.Multiple(() =>
        {
            Assert.That((m.TruePositives(0), m.FalseNegatives(0), m.FalsePositives(0), m.TrueNegatives(0)), Is.EqualTo((2L, 2L, 1L, 5L)));
            Assert.That(m.Precision(0), Is.EqualTo(2.0 / 3).Within(1e-12));
            Assert.That(m.Recall(0), Is.EqualTo(0.5).Within(1e-12));
            Assert.That(m.F1(0), Is.EqualTo(4.0 / 7).Within(1e-12));
            Assert.That(m.Specificity(0), Is.EqualTo(5.0 / 6).Within(1e-12));
            Assert.That(m.NegativePredictiveValue(0), Is.EqualTo(5.0 / 7).Within(1e-12));
            Assert.That(m.Precision(1), Is.EqualTo(0.5).Within(1e-12));
            Assert.That(m.Recall(1), Is.EqualTo(2.0 / 3).Within(1e-12));
            Assert.That(m.F1(2), Is.EqualTo(2.0 / 3).Within(1e-12));
            Assert.That(m.Support(0), Is.EqualTo(4));
        });
    }

    [Test]
    public void Averages_ThreeClass_MatchHandComputation()
    {
        // accuracy = 6/10; macro P = (2/3 + 1/2 + 2/3)/3 = 11/18; macro R = (1/2 + 2/3 + 2/3)/3 = 11/18;
        // macro F1 = (4/7 + 4/7 + 2/3)/3 = 38/63; micro P = micro R = micro F1 = ΣTP/(ΣTP+ΣFP) = 6/10.
        var m = ThreeClass();
        Assert.Multiple(() =>
        {
            Assert.That(m.Accuracy, Is.EqualTo(0.6).Within(1e-12));
            Assert.That(m.MacroPrecision, Is.EqualTo(11.0 / 18).Within(1e-12));
            Assert.That(m.MacroRecall, Is.EqualTo(11.0 / 18).Within(1e-12));
            Assert.That(m.MacroF1, Is.EqualTo(38.0 / 63).Within(1e-12));
            Assert.That(m.MicroPrecision, Is.EqualTo(0.6).Within(1e-12));
            Assert.That(m.MicroRecall, Is.EqualTo(0.6).Within(1e-12));
            Assert.That(m.MicroF1, Is.EqualTo(0.6).Within(1e-12));
        });
    }

    [Test]
    public void Precision_ClassNeverPredicted_IsZero()
    {
        var m = new ConfusionMatrix([0, 1], [0, 0], 2);
        Assert.Multiple(() =>
        {
            Assert.That(m.Precision(1), Is.EqualTo(0));
            Assert.That(m.F1(1), Is.EqualTo(0));
            Assert.That(double.IsNaN(m.MacroF1), Is.False);
        });
    }

    [Test]
    public void Constructor_LengthMismatch_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => new ConfusionMatrix([0, 1], [0], 2));
        Assert.That(e!.Message, Does.Contain("2 actual").And.Contain("1 predicted"));
    }

    [Test]
    public void Constructor_LabelOutOfRange_ThrowsNamingSample()
    {
        var e = Assert.Throws<ArgumentException>(() => new ConfusionMatrix([0, 3], [0, 1], 3));
        Assert.That(e!.Message, Does.Contain("sample 1").And.Contain("actual 3"));
    }

    [Test]
    public void FromCounts_NotSquare_Throws()
    {
        Assert.Throws<ArgumentException>(() => ConfusionMatrix.FromCounts(new long[2, 3]));
    }

    [Test]
    public void Precision_ClassOutOfRange_Throws()
    {
        Assert.Throws<ArgumentException>(() => ThreeClass().Precision(3));
    }

    [Test]
    public void ToText_Day01_OneRowPerActualClassWithItsCountsInPredictedOrder()
    {
        var lines = Day01().ToText(["not covid", "covid"]).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Has.Length.EqualTo(4));
        Assert.That(lines[0].Trim(), Is.EqualTo("actual \\ predicted"));
        Assert.That(lines[1].Split(' ', StringSplitOptions.RemoveEmptyEntries), Is.EqualTo(new[] { "not", "covid", "covid" }));
        Assert.That(lines[2], Does.StartWith("not covid"));
        Assert.That(lines[2]["not covid".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries), Is.EqualTo(new[] { "500", "1" }));
        Assert.That(lines[3], Does.StartWith("covid"));
        Assert.That(lines[3]["covid".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries), Is.EqualTo(new[] { "10", "20" }));
    }

    [Test]
    public void ToString_NoNames_NumbersTheClasses()
    {
        var lines = Day01().ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines[1].Split(' ', StringSplitOptions.RemoveEmptyEntries), Is.EqualTo(new[] { "0", "1" }));
    }

    [Test]
    public void ToText_WrongNumberOfNames_ThrowsNamingBothCounts()
    {
        var ex = Assert.Throws<ArgumentException>(() => Day01().ToText(["a", "b", "c"]));
        Assert.That(ex!.Message, Does.Contain("3 class names for 2 classes"));
    }
}
