using MiniDL.Data;

namespace MiniDL.Tests.Data;

public class DatasetTests
{
    private static Dataset ThreeByTwo() =>
        new("toy", [1, 2, 3, 4, 5, 6], 2, [0, 1, 1], ["a", "b"]);

    [Test]
    public void Constructor_ValidClassification_ExposesCountsAndNames()
    {
        var d = ThreeByTwo();
        Assert.Multiple(() =>
        {
            Assert.That(d.Count, Is.EqualTo(3));
            Assert.That(d.FeatureCount, Is.EqualTo(2));
            Assert.That(d.ClassCount, Is.EqualTo(2));
            Assert.That(d.ClassNames, Is.EqualTo(new[] { "a", "b" }));
            Assert.That(d.IsRegression, Is.False);
            Assert.That(d.Targets, Is.Null);
            Assert.That(d.ImageShape, Is.Null);
            Assert.That(d.Row(1), Is.EqualTo(new double[] { 3, 4 }));
        });
    }

    [Test]
    public void Constructor_FeatureLengthMismatch_ThrowsNamingSizes()
    {
        var e = Assert.Throws<ArgumentException>(() => new Dataset("bad", [1, 2, 3], 2, [0, 1], ["a", "b"]));
        Assert.That(e!.Message, Does.Contain("bad").And.Contain("3"));
    }

    [Test]
    public void Constructor_LabelOutOfRange_ThrowsNamingLabelAndSample()
    {
        var e = Assert.Throws<ArgumentException>(() => new Dataset("bad", [1, 2], 1, [0, 2], ["a", "b"]));
        Assert.That(e!.Message, Does.Contain("label 2").And.Contain("sample 1"));
    }

    [Test]
    public void Constructor_ImageShapeNotMatchingFeatures_Throws()
    {
        Assert.Throws<ArgumentException>(() => new Dataset("img", new double[8], 4, [0, 0], ["a"], (3, 3)));
    }

    [Test]
    public void ForRegression_Targets_HasNoClasses()
    {
        var d = Dataset.ForRegression("r", [1, 2], 1, [10, 20]);
        Assert.Multiple(() =>
        {
            Assert.That(d.IsRegression, Is.True);
            Assert.That(d.ClassCount, Is.Zero);
            Assert.That(d.Labels, Is.Empty);
            Assert.That(d.Targets, Is.EqualTo(new double[] { 10, 20 }));
        });
    }

    [Test]
    public void Subset_IndicesWithRepeat_CopiesRowsAndLabelsInOrder()
    {
        var s = ThreeByTwo().Subset([2, 0, 2]);
        Assert.Multiple(() =>
        {
            Assert.That(s.Features, Is.EqualTo(new double[] { 5, 6, 1, 2, 5, 6 }));
            Assert.That(s.Labels, Is.EqualTo(new[] { 1, 0, 1 }));
            Assert.That(s.ClassNames, Is.EqualTo(new[] { "a", "b" }));
        });
    }

    [Test]
    public void Subset_Regression_CopiesTargets()
    {
        var s = Dataset.ForRegression("r", [1, 2, 3], 1, [10, 20, 30]).Subset([1]);
        Assert.That(s.Targets, Is.EqualTo(new double[] { 20 }));
    }

    [Test]
    public void Subset_IndexOutOfRange_ThrowsNamingIndex()
    {
        var e = Assert.Throws<ArgumentException>(() => ThreeByTwo().Subset([0, 3]));
        Assert.That(e!.Message, Does.Contain("index 3"));
    }

    [Test]
    public void WithFeatures_NewValues_KeepsLabelsAndImageShape()
    {
        var d = new Dataset("img", new double[8], 4, [0, 1], ["a", "b"], (2, 2));
        var w = d.WithFeatures([1, 1, 1, 1, 2, 2, 2, 2]);
        Assert.Multiple(() =>
        {
            Assert.That(w.Labels, Is.EqualTo(new[] { 0, 1 }));
            Assert.That(w.ImageShape, Is.EqualTo((2, 2)));
            Assert.That(w.Row(1), Is.EqualTo(new double[] { 2, 2, 2, 2 }));
        });
    }
}
