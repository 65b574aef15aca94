using MiniDL.Layers;
using MiniDL.Optimizers;

namespace MiniDL.Tests.Optimizers;

/// <summary>
/// Adam with a large ε (0.1), where its placement shows: <c>w ← w − lr m̂ / (√v̂ + ε)</c>, not <c>√(v̂ + ε)</c> nor
/// <c>√v̂ + ε</c> with ε added to v̂. With the default 1e-8 every placement gives the same weights to float32 precision.
/// </summary>
public class AdamEpsilonTests
{
    private const double Epsilon = 0.1;
    private const double LearningRate = 0.1;
    private static readonly double[] W0 = [0.5, -1.0, 2.0, -0.25, 0.05];

    [TestCaseSource(typeof(TestBackends), nameof(TestBackends.All))]
    public void Step_FirstStepLargeEpsilon_IsGradientOverItsMagnitudePlusEpsilon(string backendName)
    {
        // J = Σ w², g = 2w. Step 1: m̂ = g, v̂ = g², so w₁ = w₀ − lr g / (|g| + ε) exactly.
        var backend = TestBackends.Get(backendName);
        var w = Run(backend, steps: 1);
        var expected = W0.Select(v => v - (LearningRate * 2 * v / ((2 * Math.Abs(v)) + Epsilon))).ToArray();
        Assert.That(w, Is.EqualTo(expected).Within(Tolerance(backend)), $"one Adam step, ε = {Epsilon}, on {backendName}");
    }

    // Five steps worked outside MiniDL (the Day 01 recurrence in 40-digit decimal arithmetic, g = 2w):
    // m = 0.9m + 0.1g, v = 0.999v + 0.001g², w −= 0.1 (m / (1 − 0.9ᵗ)) / (√(v / (1 − 0.999ᵗ)) + 0.1).
    // E.g. w₀ = 0.5: t = 1: g = 1, w₁ = 0.5 − 0.1 / 1.1 = 0.409090909091;
    //                t = 2: g = 0.818181818182, m = 0.09 + 0.0818181818182 = 0.171818181818,
    //                       v = 0.000999 + 0.000669421487603 = 0.00166842148760,
    //                       m̂ = m / 0.19 = 0.904306220095, √v̂ = √(v / 0.001999) = 0.913579803755,
    //                       w₂ = 0.409090909091 − 0.1 · 0.904306220095 / 1.013579803755 = 0.319871864202.
    // (Before, this test compared the backend with the reference backend, so on "reference" it compared MiniDL with itself.)
    private static readonly double[] FiveSteps = [0.07382507894921704, -0.5331066121043712, 1.5155894008939474, 0.08301041036469392, -0.012155834602325706];

    [TestCaseSource(typeof(TestBackends), nameof(TestBackends.All))]
    public void Step_FiveStepsLargeEpsilon_MatchesIndependentlyWorkedValues(string backendName)
    {
        var backend = TestBackends.Get(backendName);
        Assert.That(Run(backend, steps: 5), Is.EqualTo(FiveSteps).Within(Tolerance(backend)), $"five Adam steps, ε = {Epsilon}, on {backendName}");
    }

    /// <summary>Adam on J = Σ w² from <see cref="W0"/>; the weights after <paramref name="steps"/> steps.</summary>
    private static double[] Run(IBackend backend, int steps)
    {
        var w = new Parameter("w", Tensor.FromArray(W0, 1, W0.Length, backend));
        var opt = new Adam([w], learningRate: LearningRate, epsilon: Epsilon);
        for (int step = 0; step < steps; step++)
        {
            opt.ZeroGrad();
            var j = Sum.Forward(Square.Forward(w.Node));
            j.Backward();
            j.ReleaseGraph();
            opt.Step();
        }

        return w.Value.ToArray();
    }

    /// <summary>float32 as the other Adam agreement test (1e-5); a misplaced ε moves the weights by about 4e-3.</summary>
    private static double Tolerance(IBackend backend) => backend.DType == DType.Float32 ? 1e-5 : 1e-12;
}
