using MiniDL.Data;

namespace MiniDL.Tests.Data;

public class SamplingTests
{
    // 6 samples of class 0, 2 of class 1, 1 of class 2; feature = sample index.
    private static Dataset Imbalanced() =>
        new("imb", [0, 1, 2, 3, 4, 5, 6, 7, 8], 1, [0, 0, 0, 0, 0, 0, 1, 1, 2], ["a", "b", "c"]);

    private static int[] CountPerClass(Dataset d) =>
        Enumerable.Range(0, d.ClassCount).Select(c => d.Labels.Count(l => l == c)).ToArray();

    [Test]
    public void RandomOverSample_Imbalanced_EveryClassReachesMajority()
    {
        var d = Sampling.RandomOverSample(Imbalanced(), seed: 1);
        Assert.That(CountPerClass(d), Is.EqualTo(new[] { 6, 6, 6 }));
    }

    [Test]
    public void RandomOverSample_Imbalanced_KeepsEveryOriginalAndRowsMatchLabels()
    {
        var original = Imbalanced();
        var d = Sampling.RandomOverSample(original, seed: 1);
        Assert.Multiple(() =>
        {
            Assert.That(d.Features.Distinct().OrderBy(v => v), Is.EqualTo(original.Features));
            for (int i = 0; i < d.Count; i++)
            {
                Assert.That(d.Labels[i], Is.EqualTo(original.Labels[(int)d.Features[i]]));
            }
        });
    }

    [Test]
    public void RandomUnderSample_Imbalanced_EveryClassDownToMinority()
    {
        var d = Sampling.RandomUnderSample(Imbalanced(), seed: 1);
        Assert.Multiple(() =>
        {
            Assert.That(CountPerClass(d), Is.EqualTo(new[] { 1, 1, 1 }));
            Assert.That(d.Features.Distinct().Count(), Is.EqualTo(3));
            Assert.That(d.Features, Does.Contain(8.0));
        });
    }

    [Test]
    public void RandomUnderSample_SameSeed_SameResult()
    {
        Assert.That(
            Sampling.RandomUnderSampleIndices([0, 0, 0, 0, 1, 1], 2, 5),
            Is.EqualTo(Sampling.RandomUnderSampleIndices([0, 0, 0, 0, 1, 1], 2, 5)));
    }

    [Test]
    public void RandomUnderSampleIndices_ManySeeds_PicksDifferentMajoritySamples()
    {
        var picked = new HashSet<int>();
        for (int seed = 0; seed < 40; seed++)
        {
            picked.UnionWith(Sampling.RandomUnderSampleIndices([0, 0, 0, 0, 1], 2, seed));
        }

        Assert.That(picked, Is.EquivalentTo(new[] { 0, 1, 2, 3, 4 }));
    }

    [Test]
    public void RandomOverSampleIndices_EmptyClass_IsLeftOut()
    {
        var indices = Sampling.RandomOverSampleIndices([0, 0, 2], 3, 0);
        Assert.That(indices.Length, Is.EqualTo(4));
    }

    [Test]
    public void RandomOverSample_Regression_Throws()
    {
        Assert.Throws<ArgumentException>(() => Sampling.RandomOverSample(Dataset.ForRegression("r", [1], 1, [1]), 0));
    }
}
