using MiniDL.Optimizers;
using static MiniDL.Tests.Optimizers.OptimizerTestKit;

namespace MiniDL.Tests.Optimizers;

public class SgdTests
{
    [Test]
    public void Step_QuadraticTwoSteps_HandValues()
    {
        // J = w², ∇ = 2w, η = 0.1: w = 1 → 1 − 0.1·2 = 0.8 → 0.8 − 0.1·1.6 = 0.64 (w ← (1 − 2η) w).
        var w = Param(1.0, -2.0);
        var opt = new Sgd([w], 0.1);
        double[][] expected = [[0.8, -1.6], [0.64, -1.28]];
        foreach (var e in expected)
        {
            opt.ZeroGrad();
            SquareBackward(w);
            opt.Step();
            Assert.That(w.Value.ToArray(), Is.EqualTo(e).Within(1e-15));
        }
    }
}
