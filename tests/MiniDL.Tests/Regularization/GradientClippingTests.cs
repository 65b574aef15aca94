using MiniDL.Regularization;
using static MiniDL.Tests.Optimizers.OptimizerTestKit;

namespace MiniDL.Tests.Regularization;

public class GradientClippingTests
{
    [Test]
    public void ByNorm_NormFive_ScaledToMaxNormOne()
    {
        // g = [3] and [4] in two parameters: ‖g‖ = 5 > 1, so g ← g/5 = [0.6], [0.8].
        var a = Param(0.0);
        var b = Param(0.0);
        LinearBackward(a, 3.0);
        LinearBackward(b, 4.0);
        var clip = GradientClipping.ByNorm(1.0);
        clip.Apply([a, b]);
        Assert.That(clip.LastNorm, Is.EqualTo(5.0).Within(1e-15));
        Assert.That((a.Grad!.Item(), b.Grad!.Item()), Is.EqualTo((0.6, 0.8)).Within(1e-15));
    }

    [Test]
    public void ByNorm_BelowLimit_Unchanged()
    {
        var a = Param(0.0, 0.0);
        LinearBackward(a, 0.3, -0.4);
        GradientClipping.ByNorm(1.0).Apply([a]);
        Assert.That(a.Grad!.ToArray(), Is.EqualTo(new[] { 0.3, -0.4 }));
    }

    [Test]
    public void ByValue_LimitOne_ClipsEachElement()
    {
        var a = Param(0, 0, 0, 0);
        LinearBackward(a, -3.0, 0.5, 2.0, -0.25);
        var clip = GradientClipping.ByValue(1.0);
        clip.Apply([a]);
        Assert.That(a.Grad!.ToArray(), Is.EqualTo(new[] { -1.0, 0.5, 1.0, -0.25 }));
        // Second application (cached −c buffer) is idempotent.
        clip.Apply([a]);
        Assert.That(a.Grad!.ToArray(), Is.EqualTo(new[] { -1.0, 0.5, 1.0, -0.25 }));
    }
}
