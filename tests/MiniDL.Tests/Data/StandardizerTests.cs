using MiniDL.Data;

namespace MiniDL.Tests.Data;

public class StandardizerTests
{
    [Test]
    public void Fit_TwoColumns_MeanAndPopulationStd()
    {
        // Column 0: 1, 3 → mean 2, std 1. Column 1: 5, 5 → mean 5, std 0 → replaced by 1.
        var s = Standardizer.Fit([1, 5, 3, 5], 2);
        Assert.Multiple(() =>
        {
            Assert.That(s.Mean, Is.EqualTo(new double[] { 2, 5 }));
            Assert.That(s.StandardDeviation, Is.EqualTo(new double[] { 1, 1 }));
        });
    }

    [Test]
    public void Transform_FittedData_ZeroMeanUnitStd()
    {
        var train = new double[] { 1, 10, 2, 20, 3, 30, 4, 40 };
        var s = Standardizer.Fit(train, 2);
        var z = s.Transform(train);
        var column0 = new[] { z[0], z[2], z[4], z[6] };
        Assert.Multiple(() =>
        {
            Assert.That(column0.Average(), Is.EqualTo(0).Within(1e-12));
            Assert.That(Math.Sqrt(column0.Select(v => v * v).Average()), Is.EqualTo(1).Within(1e-12));
        });
    }

    [Test]
    public void Transform_OtherData_UsesTrainStatistics()
    {
        var s = Standardizer.Fit([0, 2], 1); // mean 1, std 1
        Assert.That(s.Transform([5.0]), Is.EqualTo(new[] { 4.0 }));
    }

    [Test]
    public void Transform_ConstantFeature_BecomesZeroNotNaN()
    {
        var s = Standardizer.Fit([7, 7, 7], 1);
        Assert.That(s.Transform([7.0, 8.0]), Is.EqualTo(new[] { 0.0, 1.0 }));
    }

    [Test]
    public void Transform_DatasetWithOtherFeatureCount_Throws()
    {
        var s = Standardizer.Fit([1, 2], 2);
        var d = new Dataset("d", [1, 2, 3], 3, [0], ["a"]);
        Assert.Throws<ArgumentException>(() => s.Transform(d));
    }

    [Test]
    public void Transform_Dataset_KeepsLabels()
    {
        var d = new Dataset("d", [1, 3], 1, [0, 1], ["a", "b"]);
        var z = Standardizer.Fit(d).Transform(d);
        Assert.Multiple(() =>
        {
            Assert.That(z.Features, Is.EqualTo(new double[] { -1, 1 }));
            Assert.That(z.Labels, Is.EqualTo(new[] { 0, 1 }));
        });
    }
}
