using MiniDL.Initializers;

namespace MiniDL.Tests.Initializers;

public class UniformTests
{
    [Test]
    public void Sample_HundredThousandValues_InsideRangeWithStdAOverRootThree()
    {
        const double a = 0.5;
        var values = new Uniform(a).Sample(100, 1000, seed: 3);
        Assert.That(values.All(v => v >= -a && v < a), Is.True);
        // U(−a, a): mean 0, σ = a/√3; the std of a uniform sample has SE ≈ σ·√(4/5)/√(2n)·… — 1 is a safe factor at 5 SE.
        Stats.AssertMeanStd(values, 0.0, a / Math.Sqrt(3));
        Assert.That(values.Min(), Is.LessThan(-0.49));
        Assert.That(values.Max(), Is.GreaterThan(0.49));
    }
}
