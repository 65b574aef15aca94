using MiniDL.Optimizers;
using static MiniDL.Tests.Optimizers.OptimizerTestKit;

namespace MiniDL.Tests.Optimizers;

public class MomentumTests
{
    [Test]
    public void Step_ConstantGradient_LectureFormHandValues()
    {
        // Day 01: v = βv + lr·g, w = w − v, with g = 1, lr = 0.1, β = 0.9, w₀ = 1:
        // v₁ = 0.1, w₁ = 0.9; v₂ = 0.09 + 0.1 = 0.19, w₂ = 0.71; v₃ = 0.171 + 0.1 = 0.271, w₃ = 0.439.
        var w = Param(1.0);
        var opt = new Momentum([w], learningRate: 0.1, beta: 0.9);
        foreach (var e in new[] { 0.9, 0.71, 0.439 })
        {
            opt.ZeroGrad();
            LinearBackward(w, 1.0);
            opt.Step();
            Assert.That(w.Value.Item(), Is.EqualTo(e).Within(1e-14));
        }
    }

    [Test]
    public void Step_LearningRateChanged_OldVelocityKeepsOldRate()
    {
        // The lecture's form (unlike PyTorch's v = βv + g; w −= lr·v): after one step at lr 0.1 (v = 0.1, w = 0.9),
        // a step at lr 0.01 gives v = 0.09 + 0.01 = 0.1, w = 0.8. PyTorch's form would give v = 1.9, w = 0.9 − 0.019 = 0.881.
        var w = Param(1.0);
        var opt = new Momentum([w], learningRate: 0.1, beta: 0.9);
        LinearBackward(w, 1.0);
        opt.Step();
        opt.LearningRate = 0.01;
        opt.ZeroGrad();
        LinearBackward(w, 1.0);
        opt.Step();
        Assert.That(w.Value.Item(), Is.EqualTo(0.8).Within(1e-14));
    }
}
