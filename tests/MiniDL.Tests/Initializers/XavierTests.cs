using MiniDL.Initializers;

namespace MiniDL.Tests.Initializers;

public class XavierTests
{
    [Test]
    public void Sigma_TwoHundredAndFiveHundred_IsRootTwoOverSevenHundred()
        => Assert.That(Xavier.Sigma(200, 500), Is.EqualTo(Math.Sqrt(2.0 / 700)).Within(1e-15));

    [Test]
    public void Sample_HundredThousandValues_StdIsLectureSigma()
    {
        // The lecture writes N(0, √(2/(fan_in + fan_out))) and means the standard deviation: σ = √(2/700) ≈ 0.05345.
        var values = new Xavier().Sample(200, 500, seed: 11);
        Stats.AssertMeanStd(values, 0.0, Math.Sqrt(2.0 / 700));
    }
}
