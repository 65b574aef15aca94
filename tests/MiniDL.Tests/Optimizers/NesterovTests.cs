using MiniDL.Optimizers;
using static MiniDL.Tests.Optimizers.OptimizerTestKit;

namespace MiniDL.Tests.Optimizers;

public class NesterovTests
{
    [Test]
    public void Step_Quadratic_HeldWeightsAreLookAheadOfLectureForm()
    {
        // J = w² (∇ = 2w). The look-ahead form: v_t = βv + lr·∇f(w − βv), w_t = w − v_t, computed explicitly here;
        // the optimizer holds w̃ = w − βv and sees the gradient at w̃ only. They must agree at every step.
        const double lr = 0.05, beta = 0.9;
        double wRef = 1.5, vRef = 0;
        var p = Param(1.5);
        var opt = new Nesterov([p], lr, beta);
        for (int t = 1; t <= 5; t++)
        {
            vRef = beta * vRef + lr * 2 * (wRef - beta * vRef);
            wRef -= vRef;
            opt.ZeroGrad();
            SquareBackward(p);
            opt.Step();
            Assert.That(p.Value.Item(), Is.EqualTo(wRef - beta * vRef).Within(1e-14), $"step {t}");
        }
    }

    [Test]
    public void Step_ConstantGradient_HandValues()
    {
        // g = 1, lr = 0.1, β = 0.9, w̃₀ = 1: v₁ = 0.1, w̃₁ = 1 − 0.09 − 0.1 = 0.81;
        // v₂ = 0.19, w̃₂ = 0.81 − 0.171 − 0.1 = 0.539.
        var p = Param(1.0);
        var opt = new Nesterov([p], 0.1, 0.9);
        foreach (var e in new[] { 0.81, 0.539 })
        {
            opt.ZeroGrad();
            LinearBackward(p, 1.0);
            opt.Step();
            Assert.That(p.Value.Item(), Is.EqualTo(e).Within(1e-14));
        }
    }
}
