using MiniDL.Initializers;

namespace MiniDL.Tests.Initializers;

public class HeTests
{
    [Test]
    public void Sample_HundredThousandValues_StdIsRootTwoOverFanIn()
    {
        // σ = √(2/250) ≈ 0.0894, independent of fan_out (it would be √(2/650) ≈ 0.0555 if fan_out counted).
        var values = new He().Sample(250, 400, seed: 5);
        Stats.AssertMeanStd(values, 0.0, Math.Sqrt(2.0 / 250));
    }
}
