using MiniDL.Data;

namespace MiniDL.Tests.Data;

public class SplitsTests
{
    [Test]
    public void Shuffle_SameSeed_SameOrder()
    {
        Assert.That(Splits.Shuffle(50, 7), Is.EqualTo(Splits.Shuffle(50, 7)));
    }

    [Test]
    public void Shuffle_DifferentSeeds_DifferentOrders()
    {
        Assert.That(Splits.Shuffle(50, 7), Is.Not.EqualTo(Splits.Shuffle(50, 8)));
    }

    [Test]
    public void Shuffle_Zero_ReturnsEmpty()
    {
        Assert.That(Splits.Shuffle(0, 1), Is.Empty);
    }

    [Test]
    public void Shuffle_Negative_Throws()
    {
        Assert.Throws<ArgumentException>(() => Splits.Shuffle(-1, 1));
    }

    [Test]
    public void Shuffle_AnySizeAndSeed_IsPermutation()
    {
        // Sizes 0…255 and any seed, replayed from the suite's fixed seed.
        var gen = from size in Gen.Choose(0, 255)
                  from seed in Gen.Choose(-1_000_000_000, 1_000_000_000)
                  select (size, seed);
        Properties.Check("shuffle is a permutation", gen, t =>
            Assert.That(Splits.Shuffle(t.size, t.seed).Order(), Is.EqualTo(Enumerable.Range(0, t.size)), $"n = {t.size}, seed = {t.seed}"));
    }

    [Test]
    public void Shuffle_ManySeeds_EachPositionRoughlyUniform()
    {
        // Where item 0 lands over 3000 seeded shuffles of 3 items: each position about 1000 times.
        var landed = new int[3];
        for (int seed = 0; seed < 3000; seed++)
        {
            landed[Array.IndexOf(Splits.Shuffle(3, seed), 0)]++;
        }

        Assert.That(landed, Has.All.InRange(850, 1150));
    }

    [Test]
    public void TrainValidationTest_Fractions_PartitionsAllSamples()
    {
        var d = new Dataset("n", Enumerable.Range(0, 100).Select(i => (double)i).ToArray(), 1, new int[100], ["a"]);
        var split = Splits.TrainValidationTest(d, 0.2, 0.1, seed: 3);
        var all = split.Train.Features.Concat(split.Validation.Features).Concat(split.Test.Features).OrderBy(v => v);
        Assert.Multiple(() =>
        {
            Assert.That(split.Train.Count, Is.EqualTo(70));
            Assert.That(split.Validation.Count, Is.EqualTo(20));
            Assert.That(split.Test.Count, Is.EqualTo(10));
            Assert.That(all, Is.EqualTo(d.Features));
        });
    }

    [Test]
    public void TrainValidationTest_SameSeed_SameSplit()
    {
        var d = new Dataset("n", Enumerable.Range(0, 30).Select(i => (double)i).ToArray(), 1, new int[30], ["a"]);
        var a = Splits.TrainValidationTest(d, 0.3, 0.3, 11);
        var b = Splits.TrainValidationTest(d, 0.3, 0.3, 11);
        Assert.That(a.Test.Features, Is.EqualTo(b.Test.Features));
    }

    [TestCase(-0.1, 0.1)]
    [TestCase(0.5, 0.5)]
    [TestCase(0.2, 1.0)]
    public void TrainValidationTest_BadFractions_Throws(double validation, double test)
    {
        var d = new Dataset("n", new double[10], 1, new int[10], ["a"]);
        Assert.Throws<ArgumentException>(() => Splits.TrainValidationTest(d, validation, test, 0));
    }

    [Test]
    public void OneHot_Labels_OneInLabelColumn()
    {
        Assert.That(Splits.OneHot([2, 0], 3), Is.EqualTo(new double[] { 0, 0, 1, 1, 0, 0 }));
    }

    [Test]
    public void OneHot_LabelOutOfRange_ThrowsNamingLabel()
    {
        var e = Assert.Throws<ArgumentException>(() => Splits.OneHot([0, 3], 3));
        Assert.That(e!.Message, Does.Contain("label 3"));
    }
}
