using MiniDL.Schedules;

namespace MiniDL.Tests.Schedules;

public class ExponentialDecayTests
{
    [Test]
    public void At_HandValues()
    {
        // lr0 = 0.1, k = 0.5: epoch 0 → 0.1, epoch 2 → 0.1·e^{−1} = 0.036787944…
        var s = new ExponentialDecay(0.1, 0.5);
        Assert.That(s.At(0), Is.EqualTo(0.1));
        Assert.That(s.At(2), Is.EqualTo(0.036787944117144).Within(1e-14));
        Assert.That(s.At(4), Is.EqualTo(0.1 * Math.Exp(-2)).Within(1e-15));
    }
}
