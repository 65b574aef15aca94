using MiniDL.Backends;
using MiniDL.Layers;
using MiniDL.Optimizers;
using static MiniDL.Tests.Optimizers.OptimizerTestKit;

namespace MiniDL.Tests.Optimizers;

/// <summary>
/// The optimizers' per-weight updates (the lecture's formulas written as code), the reference backend's kernels that
/// run them, and the optimizers' steps on the reference backend, against values worked out by hand.
/// </summary>
public class LectureFormulaTests
{
    // θ₀ = (1, −2), g₁ = (0.5, −1), g₂ = (0.25, 2), lr = 0.1.
    private static readonly double[] Theta0 = [1.0, -2.0];
    private static readonly double[][] Gradients = [[0.5, -1.0], [0.25, 2.0]];

    // Day 01, "Adam (Adaptive Moment Estimation)", β₁ = 0.9, β₂ = 0.999, ε = 1e−8:
    // t = 1: m = 0.1 g₁ = (0.05, −0.1), v = 0.001 g₁² = (0.00025, 0.001), m̂ = m / 0.1 = (0.5, −1), v̂ = v / 0.001 = (0.25, 1),
    //        θ = θ₀ − 0.1 m̂ / (√v̂ + ε) = (1 − 0.05/0.50000001, −2 + 0.1/1.00000001) = (0.900000002, −1.900000001).
    // t = 2: m = 0.9 m + 0.1 g₂ = (0.07, 0.11), v = 0.999 v + 0.001 g₂² = (0.00031225, 0.004999),
    //        m̂ = m / (1 − 0.9²) = m / 0.19 = (0.368421052632, 0.578947368421),
    //        v̂ = v / (1 − 0.999²) = v / 0.001999 = (0.156203101551, 2.500750375188), √v̂ = (0.395225380702, 1.581376101751),
    //        θ = (0.900000002 − 0.0368421052632/0.395225380702, −1.900000001 − 0.0578947368421/1.581376101751)
    //          = (0.806782040477, −1.936610353472).
    private static readonly double[][] AdamTheta = [[0.900000002, -1.900000001], [0.806782040477462, -1.936610353472075]];

    // Day 01, "Gradient Descent with Momentum", β = 0.9: v₁ = 0.1 g₁ = (0.05, −0.1), θ₁ = θ₀ − v₁ = (0.95, −1.9);
    // v₂ = 0.9 v₁ + 0.1 g₂ = (0.045 + 0.025, −0.09 + 0.2) = (0.07, 0.11), θ₂ = θ₁ − v₂ = (0.88, −2.01).
    private static readonly double[][] MomentumTheta = [[0.95, -1.9], [0.88, -2.01]];

    [Test]
    public void AdamUpdate_TwoSteps_LectureHandValues()
    {
        double[] θ = [.. Theta0], m = [0, 0], v = [0, 0];
        for (int t = 1; t <= 2; t++)
        {
            for (int i = 0; i < 2; i++)
            {
                Adam.Update(ref θ[i], Gradients[t - 1][i], ref m[i], ref v[i], 0.1, 0.9, 0.999, 1e-8, Math.Pow(0.9, t), Math.Pow(0.999, t));
            }

            Assert.That(θ, Is.EqualTo(AdamTheta[t - 1]).Within(1e-12), $"t = {t}");
        }

        Assert.That(m, Is.EqualTo(new[] { 0.07, 0.11 }).Within(1e-15));
        Assert.That(v, Is.EqualTo(new[] { 0.00031225, 0.004999 }).Within(1e-15));
    }

    [Test]
    public void AdamStep_ReferenceKernelTwoSteps_LectureHandValues()
    {
        var backend = ReferenceBackend.Instance;
        var (w, m, v) = (Upload(Theta0), backend.Allocate(2), backend.Allocate(2));
        for (int t = 1; t <= 2; t++)
        {
            backend.AdamStep(0.1, 0.9, 0.999, 1e-8, t, Upload(Gradients[t - 1]), m, v, w);
            Assert.That(Download(w), Is.EqualTo(AdamTheta[t - 1]).Within(1e-12), $"t = {t}");
        }
    }

    [Test]
    public void MomentumUpdate_TwoSteps_LectureHandValues()
    {
        double[] θ = [.. Theta0], v = [0, 0];
        for (int t = 1; t <= 2; t++)
        {
            for (int i = 0; i < 2; i++)
            {
                Momentum.Update(ref θ[i], Gradients[t - 1][i], ref v[i], 0.1, 0.9);
            }

            Assert.That(θ, Is.EqualTo(MomentumTheta[t - 1]).Within(1e-14), $"t = {t}");
        }

        Assert.That(v, Is.EqualTo(new[] { 0.07, 0.11 }).Within(1e-15));
    }

    [Test]
    public void MomentumStep_ReferenceKernelTwoSteps_LectureHandValues()
    {
        var backend = ReferenceBackend.Instance;
        var (w, v) = (Upload(Theta0), backend.Allocate(2));
        for (int t = 1; t <= 2; t++)
        {
            backend.MomentumStep(0.1, 0.9, Upload(Gradients[t - 1]), v, w);
            Assert.That(Download(w), Is.EqualTo(MomentumTheta[t - 1]).Within(1e-14), $"t = {t}");
        }
    }

    // The optimizers' steps on the reference backend: Adam with the lecture's defaults, momentum with β = 0.9.
    private static IEnumerable<TestCaseData> LectureOptimizers()
    {
        yield return new TestCaseData((Func<Parameter, Optimizer>)(w => new Adam([w], learningRate: 0.1)), AdamTheta, 1e-12)
            .SetName("Step_AdamTwoSteps_LectureHandValues");
        yield return new TestCaseData((Func<Parameter, Optimizer>)(w => new Momentum([w], learningRate: 0.1, beta: 0.9)), MomentumTheta, 1e-14)
            .SetName("Step_MomentumTwoSteps_LectureHandValues");
    }

    [TestCaseSource(nameof(LectureOptimizers))]
    public void Step_TwoSteps_LectureHandValues(Func<Parameter, Optimizer> create, double[][] expectedTheta, double tolerance)
    {
        var w = Param(Theta0);
        var opt = create(w);
        for (int t = 1; t <= 2; t++)
        {
            opt.ZeroGrad();
            LinearBackward(w, Gradients[t - 1]);
            opt.Step();
            Assert.That(w.Value.ToArray(), Is.EqualTo(expectedTheta[t - 1]).Within(tolerance), $"t = {t}");
        }
    }

    [Test]
    public void SgdUpdate_OneStep_IsThetaMinusEtaG()
    {
        // Day 01, "Gradient Descent": θ = 1 − 0.1 · 0.5 = 0.95.
        double θ = 1.0;
        Sgd.Update(ref θ, 0.5, 0.1);
        Assert.That(θ, Is.EqualTo(0.95).Within(1e-15));
    }

    [Test]
    public void NesterovStep_ReferenceKernel_BitIdenticalToScaleThenThreeAxpys()
    {
        // The look-ahead form as four whole-tensor kernels (v ← βv; v += lr·g; w̃ −= βv; w̃ −= lr·g) and as the
        // per-weight Nesterov.Update must give the same bits.
        var backend = ReferenceBackend.Instance;
        var (w1, v1, w2, v2) = (Upload(Theta0), backend.Allocate(2), Upload(Theta0), backend.Allocate(2));
        foreach (var gt in Gradients)
        {
            var g = Upload(gt);
            backend.NesterovStep(0.1, 0.9, g, v1, w1);
            backend.Scale(0.9, v2);
            backend.Axpy(0.1, g, v2);
            backend.Axpy(-0.9, v2, w2);
            backend.Axpy(-0.1, g, w2);
        }

        Assert.That(Download(w1), Is.EqualTo(Download(w2)));
        Assert.That(Download(v1), Is.EqualTo(Download(v2)));
    }

    private static Storage Upload(double[] values)
    {
        var s = ReferenceBackend.Instance.Allocate(values.Length);
        ReferenceBackend.Instance.Upload(values, s);
        return s;
    }

    private static double[] Download(Storage s)
    {
        var values = new double[s.Length];
        ReferenceBackend.Instance.Download(s, values);
        return values;
    }
}
