using MiniDL.Data;
using MiniDL.Tests.TestSupport;

namespace MiniDL.Tests.Data;

public class DatasetsTests : TemporaryFolderTest
{
    [Test]
    public void Digits_Embedded_Has1797RowsOf8x8PixelsAndTenClasses()
    {
        var d = Datasets.Digits();
        Assert.Multiple(() =>
        {
            Assert.That(d.Count, Is.EqualTo(1797));
            Assert.That(d.FeatureCount, Is.EqualTo(64));
            Assert.That(d.ImageShape, Is.EqualTo((8, 8)));
            Assert.That(d.ClassCount, Is.EqualTo(10));
            Assert.That(d.Features.Min(), Is.EqualTo(0));
            Assert.That(d.Features.Max(), Is.EqualTo(16));
            Assert.That(d.Labels.Distinct().Count(), Is.EqualTo(10));
            // First row of digits.csv: 0,0,5,13,9,1,0,0,… label 0.
            Assert.That(d.Row(0)[..6], Is.EqualTo(new double[] { 0, 0, 5, 13, 9, 1 }));
            Assert.That(d.Labels[0], Is.EqualTo(0));
        });
    }

    [Test]
    public void Iris_Embedded_Has150RowsFiftyPerSpecies()
    {
        var d = Datasets.Iris();
        Assert.Multiple(() =>
        {
            Assert.That(d.Count, Is.EqualTo(150));
            Assert.That(d.FeatureCount, Is.EqualTo(4));
            Assert.That(d.ClassNames, Is.EqualTo(new[] { "setosa", "versicolor", "virginica" }));
            Assert.That(Enumerable.Range(0, 3).Select(c => d.Labels.Count(l => l == c)), Is.EqualTo(new[] { 50, 50, 50 }));
            Assert.That(d.Row(0), Is.EqualTo(new[] { 5.1, 3.5, 1.4, 0.2 }));
        });
    }

    [Test]
    public void FashionMnist_MissingDirectory_ThrowsWithInstructions()
    {
        string dir = Path.Combine(Path.GetTempPath(), "minidl-no-such-" + Guid.NewGuid().ToString("N"));
        var e = Assert.Throws<DatasetNotFoundException>(() => Datasets.FashionMnist(dir));
        Assert.Multiple(() =>
        {
            Assert.That(e!.Message, Does.Contain("sudo apt-get install dataset-fashion-mnist"));
            Assert.That(e.Message, Does.Contain("--data DIR"));
            Assert.That(e.Message, Does.Contain(dir));
            Assert.That(e.MissingFiles, Has.Count.EqualTo(4));
        });
    }

    [Test]
    public void FashionMnist_TinyFilesInDirectory_LoadsScaledImages()
    {
        var pixels = new byte[2 * 28 * 28];
        pixels[0] = 255;
        pixels[1] = 51;
        File.WriteAllBytes(Path.Combine(Folder, "train-images-idx3-ubyte.gz"), IdxLoaderTests.Gzip(IdxLoaderTests.Idx(0x803, [2, 28, 28], pixels)));
        File.WriteAllBytes(Path.Combine(Folder, "train-labels-idx1-ubyte.gz"), IdxLoaderTests.Gzip(IdxLoaderTests.Idx(0x801, [2], [9, 0])));
        File.WriteAllBytes(Path.Combine(Folder, "t10k-images-idx3-ubyte.gz"), IdxLoaderTests.Gzip(IdxLoaderTests.Idx(0x803, [1, 28, 28], new byte[784])));
        File.WriteAllBytes(Path.Combine(Folder, "t10k-labels-idx1-ubyte.gz"), IdxLoaderTests.Gzip(IdxLoaderTests.Idx(0x801, [1], [3])));
        var (train, test) = Datasets.FashionMnist(Folder);
        Assert.Multiple(() =>
        {
            Assert.That(train.Count, Is.EqualTo(2));
            Assert.That(test.Count, Is.EqualTo(1));
            Assert.That(train.ImageShape, Is.EqualTo((28, 28)));
            Assert.That(train.Features[0], Is.EqualTo(1.0));
            Assert.That(train.Features[1], Is.EqualTo(0.2).Within(1e-12));
            Assert.That(train.ClassNames[train.Labels[0]], Is.EqualTo("Ankle boot"));
            Assert.That(test.ClassNames[test.Labels[0]], Is.EqualTo("Dress"));
        });
    }

    [Test]
    [Category("LargeData")]
    public void FashionMnist_DebianPackage_Has60000And10000BalancedImages()
    {
        if (!Datasets.FashionMnistFiles.All(f => File.Exists(Path.Combine(Datasets.DefaultFashionMnistDirectory, f))))
        {
            Assert.Ignore("dataset-fashion-mnist is not installed");
        }

        var (train, test) = Datasets.FashionMnist();
        Assert.Multiple(() =>
        {
            Assert.That(train.Count, Is.EqualTo(60000));
            Assert.That(test.Count, Is.EqualTo(10000));
            Assert.That(train.FeatureCount, Is.EqualTo(784));
            Assert.That(Enumerable.Range(0, 10).Select(c => train.Labels.Count(l => l == c)), Has.All.EqualTo(6000));
            Assert.That(Enumerable.Range(0, 10).Select(c => test.Labels.Count(l => l == c)), Has.All.EqualTo(1000));
            Assert.That(train.Features.Max(), Is.EqualTo(1.0));
            Assert.That(train.Features.Min(), Is.EqualTo(0.0));
        });
    }

    [Test]
    public void HousePrices_Lesson7_FourAreaPricePairs()
    {
        var d = Datasets.HousePrices();
        Assert.Multiple(() =>
        {
            Assert.That(d.IsRegression, Is.True);
            Assert.That(d.Features, Is.EqualTo(new double[] { 2104, 1600, 2400, 1416 }));
            Assert.That(d.Targets, Is.EqualTo(new double[] { 400, 330, 369, 232 }));
        });
    }

    [Test]
    public void Spam_Lesson7_SaleCountsAndLabels()
    {
        var d = Datasets.Spam();
        Assert.Multiple(() =>
        {
            Assert.That(d.Features, Is.EqualTo(new double[] { 10, 12, 2, 6 }));
            Assert.That(d.Labels, Is.EqualTo(new[] { 1, 1, 0, 0 }));
            Assert.That(d.ClassNames[1], Is.EqualTo("spam"));
        });
    }

    [Test]
    public void Xor_FourPoints_LabelIsXorOfInputs()
    {
        var d = Datasets.Xor();
        for (int i = 0; i < 4; i++)
        {
            Assert.That(d.Labels[i], Is.EqualTo((int)d.Features[2 * i] ^ (int)d.Features[2 * i + 1]));
        }

        Assert.That(d.Count, Is.EqualTo(4));
    }

    [Test]
    public void Bumps_Seeded_SortedPointsInUnitIntervalOnTheFunction()
    {
        var d = Datasets.Bumps(64, seed: 2);
        Assert.Multiple(() =>
        {
            Assert.That(d.Count, Is.EqualTo(64));
            Assert.That(d.Features, Is.Ordered);
            Assert.That(d.Features, Has.All.InRange(0.0, 1.0));
            Assert.That(d.Targets![10], Is.EqualTo(Datasets.BumpsFunction(d.Features[10])));
            Assert.That(Datasets.Bumps(64, seed: 2).Features, Is.EqualTo(d.Features));
            Assert.That(Datasets.Bumps(64, seed: 3).Features, Is.Not.EqualTo(d.Features));
        });
    }

    [Test]
    public void BumpsFunction_AtZero_IsPointTwoFive()
    {
        // 0.2 + 0 + 0 + 0.05·cos 0 = 0.25
        Assert.That(Datasets.BumpsFunction(0), Is.EqualTo(0.25).Within(1e-15));
    }

    [Test]
    public void Spiral_Seeded_CountsLabelsAndRadius()
    {
        var d = Datasets.Spiral(50, 3, seed: 1);
        Assert.Multiple(() =>
        {
            Assert.That(d.Count, Is.EqualTo(150));
            Assert.That(d.FeatureCount, Is.EqualTo(2));
            Assert.That(Enumerable.Range(0, 3).Select(c => d.Labels.Count(l => l == c)), Has.All.EqualTo(50));
            for (int i = 0; i < d.Count; i++)
            {
                double r = Math.Sqrt(d.Features[2 * i] * d.Features[2 * i] + d.Features[2 * i + 1] * d.Features[2 * i + 1]);
                Assert.That(r, Is.EqualTo((i % 50) / 49.0).Within(1e-12));
            }

            Assert.That(Datasets.Spiral(50, 3, seed: 1).Features, Is.EqualTo(d.Features));
            Assert.That(Datasets.Spiral(50, 3, seed: 2).Features, Is.Not.EqualTo(d.Features));
        });
    }

    [Test]
    public void Spiral_OneClass_Throws()
    {
        Assert.Throws<ArgumentException>(() => Datasets.Spiral(10, 1));
    }
}
