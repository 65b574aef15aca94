using MiniDL.Layers;

namespace MiniDL.Tests.Layers;

public class BatchNormTests
{
    private static readonly double[] X = [1.0, -2.0, 3.0, 0.5, 4.0, 1.5, -1.0, 2.0, 0.0, 3.5, 2.5, -0.5];

    [Test]
    public void Forward_Training_ColumnsHaveMeanBetaAndStdGamma()
    {
        var bn = new BatchNorm(3, epsilon: 1e-12);
        bn.Gamma.Load([2.0, 1.0, 0.5]);
        bn.Beta.Load([1.0, 0.0, -1.0]);
        var y = bn.Forward(Node.Constant(Tensor.FromArray(X, 4, 3))).Value.ToArray();
        for (int j = 0; j < 3; j++)
        {
            var col = Enumerable.Range(0, 4).Select(i => y[(i * 3) + j]).ToArray();
            double mean = col.Average();
            double variance = col.Sum(v => (v - mean) * (v - mean)) / 4; // the notes' 1/m variance
            Assert.That(mean, Is.EqualTo(new[] { 1.0, 0.0, -1.0 }[j]).Within(1e-12));
            Assert.That(Math.Sqrt(variance), Is.EqualTo(new[] { 2.0, 1.0, 0.5 }[j]).Within(1e-9));
        }
    }

    [Test]
    public void Forward_WrongInputWidth_ThrowsNamingLayerAndBothWidths()
    {
        var error = Assert.Throws<ArgumentException>(() => new BatchNorm(3).Forward(Node.Constant(Tensor.FromArray(X, 3, 4))))!;
        Assert.That(error.Message, Does.Contain("BatchNorm(3)").And.Contain("(3, 4) has 4 features per sample").And.Contain("expects 3"));
    }

    [Test]
    public void Forward_TrainingStep_RunningStatisticsMoveByMomentum()
    {
        // Column 0 is [1, 0.5, −1, 3.5]: mean 1, 1/m variance (0 + 0.25 + 4 + 6.25)/4 = 2.625.
        // running_mean = 0.9·0 + 0.1·1 = 0.1; running_var = 0.9·1 + 0.1·2.625 = 1.1625.
        var bn = new BatchNorm(3);
        bn.Forward(Node.Constant(Tensor.FromArray(X, 4, 3))).ReleaseGraph();
        Assert.That(bn.RunningMean.Value.ToArray()[0], Is.EqualTo(0.1).Within(1e-15));
        Assert.That(bn.RunningVariance.Value.ToArray()[0], Is.EqualTo(1.1625).Within(1e-15));
    }

    [Test]
    public void Forward_Eval_UsesRunningStatistics()
    {
        var bn = new BatchNorm(1, epsilon: 1e-12);
        bn.RunningMean.Load([2.0]);
        bn.RunningVariance.Load([4.0]);
        bn.Eval();
        var y = bn.Forward(Node.Constant(Tensor.FromArray([2.0, 6.0], 2, 1)));
        Assert.That(y.Value.ToArray(), Is.EqualTo(new[] { 0.0, 2.0 }).Within(1e-11));
    }

    [Test]
    public void Backward_Training_GradientOfInputPassesGradCheck()
    {
        var bn = new BatchNorm(3);
        bn.Gamma.Load([1.5, -0.7, 0.3]);
        bn.Beta.Load([0.2, 0.1, -0.4]);
        var report = GradientChecker.Check("batchnorm", leaves => bn.Forward(leaves[0]), [Tensor.FromArray(X, 4, 3)]);
        Assert.That(report.Passed, Is.True, report.ToString());
    }

    [Test]
    public void Backward_Training_GammaAndBetaGradientsMatchFiniteDifferences()
    {
        // J = Σ R ⊙ Y with a fixed R; ∂J/∂γ and ∂J/∂β against central differences.
        double[] r = [0.3, -1.0, 0.7, 0.2, 0.5, -0.4, 1.1, -0.6, 0.9, -0.2, 0.4, 0.8];
        var bn = new BatchNorm(3);
        bn.Gamma.Load([1.5, -0.7, 0.3]);
        double J()
        {
            var y = bn.Forward(Node.Constant(Tensor.FromArray(X, 4, 3)));
            var v = y.Value.ToArray().Zip(r, (a, b) => a * b).Sum();
            y.ReleaseGraph();
            return v;
        }

        var yNode = bn.Forward(Node.Constant(Tensor.FromArray(X, 4, 3)));
        yNode.Backward(Tensor.FromArray(r, 4, 3));
        foreach (var p in new[] { bn.Gamma, bn.Beta })
        {
            var analytic = p.Grad!.ToArray();
            var value = p.Value.ToArray();
            for (int j = 0; j < 3; j++)
            {
                const double h = 1e-6;
                var plus = (double[])value.Clone();
                plus[j] += h;
                p.Load(plus);
                double jp = J();
                var minus = (double[])value.Clone();
                minus[j] -= h;
                p.Load(minus);
                double jm = J();
                p.Load(value);
                Assert.That(analytic[j], Is.EqualTo((jp - jm) / (2 * h)).Within(1e-6), $"{p.Name}[{j}]");
            }
        }
    }

    [TestCaseSource(typeof(TestBackends), nameof(TestBackends.All))]
    public void Forward_TrainingColumnZeroTwoEpsilonOne_NormalizesToPlusMinusOneOverRootTwo(string backendName)
    {
        // μ = 1, σ² = 1: x̂ = ±1/√(σ² + ε) = ±1/√2 with ε = 1 (ε outside the root, √σ² + ε, would give ±1/2).
        var backend = TestBackends.Get(backendName);
        var bn = new BatchNorm(1, epsilon: 1.0, backend: backend);
        var y = bn.Forward(Node.Constant(Tensor.FromArray([0.0, 2.0], 2, 1, backend))).Value.ToArray();
        Assert.That(y, Is.EqualTo(new[] { -1 / Math.Sqrt(2), 1 / Math.Sqrt(2) }).Within(Tolerance(backend)));
    }

    [TestCaseSource(typeof(TestBackends), nameof(TestBackends.All))]
    public void Backward_TrainingConstantColumn_GradientIsFiniteAndExact(string backendName)
    {
        // σ² = 0, so x̂ = 0 and Y = β; with ε = 0.25, ∇X = γ/√(σ² + ε) (∇Y − mean ∇Y) = 2γ (∇Y − mean ∇Y), finite
        // because ε is under the root (√σ² + ε has the derivative 1/(2√σ²) = ∞ at σ² = 0).
        var backend = TestBackends.Get(backendName);
        var bn = new BatchNorm(2, epsilon: 0.25, backend: backend);
        bn.Gamma.Load([1.5, -0.5]);
        bn.Beta.Load([0.25, 1.0]);
        var x = Node.Leaf(Tensor.FromArray([3.0, -1.0, 3.0, -1.0, 3.0, -1.0], 3, 2, backend));
        var y = bn.Forward(x);
        y.Backward(Tensor.FromArray([1.0, 0.5, 2.0, 0.5, 3.0, -1.0], 3, 2, backend));
        double tolerance = Tolerance(backend);
        Assert.That(y.Value.ToArray(), Is.EqualTo(new[] { 0.25, 1.0, 0.25, 1.0, 0.25, 1.0 }).Within(tolerance), "Y = β");
        Assert.That(x.Grad!.ToArray(), Is.EqualTo(new[] { -3.0, -0.5, 0.0, -0.5, 3.0, 1.0 }).Within(tolerance), "∇X = 2γ (∇Y − mean ∇Y)");
        Assert.That(bn.Gamma.Grad!.ToArray(), Is.EqualTo(new[] { 0.0, 0.0 }).Within(tolerance), "∇γ = Σ ∇Y x̂ = 0");
        Assert.That(bn.Beta.Grad!.ToArray(), Is.EqualTo(new[] { 6.0, 0.0 }).Within(tolerance), "∇β = Σ ∇Y");
    }

    [TestCaseSource(typeof(TestBackends), nameof(TestBackends.All))]
    public void Backward_TrainingBatchOfOne_GradientIsFiniteAndZero(string backendName)
    {
        // m = 1: μ = x, σ² = 0, x̂ = 0, Y = β and ∇X = γ/√ε (∇Y − mean ∇Y) = 0.
        var backend = TestBackends.Get(backendName);
        var bn = new BatchNorm(3, backend: backend);
        var x = Node.Leaf(Tensor.FromArray([0.5, -2.0, 7.0], 1, 3, backend));
        var y = bn.Forward(x);
        y.Backward(Tensor.FromArray([1.0, -2.0, 0.5], 1, 3, backend));
        Assert.That(y.Value.ToArray(), Is.EqualTo(new[] { 0.0, 0.0, 0.0 }).Within(Tolerance(backend)), "Y = β = 0");
        Assert.That(x.Grad!.ToArray(), Is.EqualTo(new[] { 0.0, 0.0, 0.0 }).Within(Tolerance(backend)), "∇X = 0, finite");
    }

    private static double Tolerance(MiniDL.Backends.IBackend backend) => backend.DType == MiniDL.Backends.DType.Float32 ? 1e-6 : 1e-12;
}
