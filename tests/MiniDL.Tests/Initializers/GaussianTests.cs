using MiniDL.Initializers;

namespace MiniDL.Tests.Initializers;

public class GaussianTests
{
    [Test]
    public void Sample_HundredThousandValues_MeanZeroStdOneWithinFiveStandardErrors()
    {
        var values = new Gaussian().Sample(250, 400, seed: 7);
        Assert.That(values, Has.Length.EqualTo(100_000));
        Stats.AssertMeanStd(values, 0.0, 1.0);
    }

    [Test]
    public void Sample_SigmaThree_StdThree()
        => Stats.AssertMeanStd(new Gaussian(3.0).Sample(100, 1000, seed: 1), 0.0, 3.0);

    [Test]
    public void Sample_SameSeed_SameValues_DifferentSeed_DifferentValues()
    {
        var g = new Gaussian();
        Assert.That(g.Sample(3, 4, 42), Is.EqualTo(g.Sample(3, 4, 42)));
        Assert.That(g.Sample(3, 4, 42), Is.Not.EqualTo(g.Sample(3, 4, 43)));
    }

    [Test]
    public void Constructor_ZeroSigma_Throws()
        => Assert.Throws<ArgumentOutOfRangeException>(() => _ = new Gaussian(0));
}
