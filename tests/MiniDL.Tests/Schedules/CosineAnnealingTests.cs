using MiniDL.Schedules;

namespace MiniDL.Tests.Schedules;

public class CosineAnnealingTests
{
    [Test]
    public void At_HandValues()
    {
        // lr_min 0.001, lr_max 0.1, 10 epochs: epoch 0 → 0.1; epoch 5 → 0.001 + ½·0.099·(1 + cos π/2) = 0.0505;
        // epoch 10 → 0.001; epoch 2 → 0.001 + 0.0495·(1 + cos 0.2π) = 0.001 + 0.0495·1.809017 = 0.09054634122…
        var s = new CosineAnnealing(0.001, 0.1, 10);
        Assert.That(s.At(0), Is.EqualTo(0.1).Within(1e-15));
        Assert.That(s.At(5), Is.EqualTo(0.0505).Within(1e-15));
        Assert.That(s.At(2), Is.EqualTo(0.0905463412215599).Within(1e-14));
        Assert.That(s.At(10), Is.EqualTo(0.001).Within(1e-15));
        Assert.That(s.At(15), Is.EqualTo(0.001).Within(1e-15));
    }

    [Test]
    public void Constructor_LrMaxBelowLrMin_ThrowsNamingTheArgumentOrder()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => _ = new CosineAnnealing(0.01, 0.0001, 15));
        Assert.That(ex!.ParamName, Is.EqualTo("lrMax"));
        Assert.That(ex.Message, Does.Contain("CosineAnnealing").And.Contain("lrMax is below lrMin").And.Contain("(lrMin, lrMax, epochs)"));
    }
}
