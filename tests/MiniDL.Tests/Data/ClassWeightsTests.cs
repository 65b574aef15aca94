using MiniDL.Data;

namespace MiniDL.Tests.Data;

public class ClassWeightsTests
{
    [Test]
    public void FromCounts_LectureExample_GivesOneMinusShare()
    {
        // Day 01: samples_per_classes = [100, 200, 300, 400], N = 1000 → 1 − [0.1, 0.2, 0.3, 0.4].
        var w = ClassWeights.FromCounts([100, 200, 300, 400]);
        Assert.That(w, Is.EqualTo(new[] { 0.9, 0.8, 0.7, 0.6 }).Within(1e-12));
    }

    [Test]
    public void Compute_Labels_CountsThenWeights()
    {
        // 3 of class 0, 1 of class 1, none of class 2: w = [1 − 3/4, 1 − 1/4, 1].
        var w = ClassWeights.Compute([0, 0, 1, 0], 3);
        Assert.That(w, Is.EqualTo(new[] { 0.25, 0.75, 1.0 }).Within(1e-12));
    }

    [Test]
    public void Compute_LabelOutOfRange_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => ClassWeights.Compute([0, 4], 3));
        Assert.That(e!.Message, Does.Contain("label 4"));
    }

    [Test]
    public void FromCounts_AllZero_Throws()
    {
        Assert.Throws<ArgumentException>(() => ClassWeights.FromCounts([0, 0]));
    }
}
