using MiniDL.Autograd;
using MiniDL.Autograd.Activations;
using MiniDL.Layers;
using MiniDL.Regularization;

namespace MiniDL.Tests.Regularization;

public class RegularizerTests
{
    // Each penalty on one layer's weights W (bias b = [7]): its value and its gradient on W; the bias gets nothing.
    // L1, W = [2, −3, 0.5], λ = 0.1: penalty 0.1·5.5 = 0.55, ∇ = 0.1·[1, −1, 1].
    // L2, W = [2, −3, 0.5], λ = 0.1: penalty 0.1·(4 + 9 + 0.25) = 1.325, ∇ = 2·0.1·W = [0.4, −0.6, 0.1] (not PyTorch's λW).
    // Elastic net, W = [2, −3], λ₁ = 0.1, λ₂ = 0.01: penalty 0.1·5 + 0.01·13 = 0.63; ∇ = [0.1 + 0.04, −0.1 − 0.06] = [0.14, −0.16].
    private static IEnumerable<TestCaseData> Penalties()
    {
        yield return new TestCaseData(new L1(0.1), new[] { 2, -3, 0.5 }, 0.55, new[] { 0.1, -0.1, 0.1 })
            .SetName("Penalty_WeightsOnly_ValueAndGradientLambdaSign");
        yield return new TestCaseData(new L2(0.1), new[] { 2, -3, 0.5 }, 1.325, new[] { 0.4, -0.6, 0.1 })
            .SetName("Penalty_WeightsOnly_ValueAndGradientTwoLambdaTheta");
        yield return new TestCaseData(new ElasticNet(0.1, 0.01), new[] { 2, -3.0 }, 0.63, new[] { 0.14, -0.16 })
            .SetName("Penalty_HandValues_GradientLambda1SignPlusTwoLambda2Theta");
    }

    [TestCaseSource(nameof(Penalties))]
    public void Penalty_OneLayer_ValueAndGradientOnWeightsOnly(Regularizer regularizer, double[] weights, double expectedPenalty, double[] expectedGradient)
    {
        var layer = Linear.FromValues(weights, [7], weights.Length, 1);
        var penalty = regularizer.Penalty(layer.Parameters())!;
        Assert.That(penalty.Value.Item(), Is.EqualTo(expectedPenalty).Within(1e-15));
        penalty.Backward();
        Assert.That(layer.Weight.Grad!.ToArray(), Is.EqualTo(expectedGradient).Within(1e-15));
        Assert.That(layer.Bias.Grad, Is.Null);
    }

    [Test]
    public void AddTo_NoRegularizedParameters_ReturnsLossItself()
    {
        var loss = Node.Constant(Tensor.Scalar(1.5));
        Assert.That(new L2(0.1).AddTo(loss, new BatchNorm(2).Parameters()), Is.SameAs(loss));
    }

    [Test]
    public void Penalty_MaxoutWeightsCount_ActivationHasNone()
    {
        var layer = new MaxoutLayer(2, 2, pieces: 2);
        Assert.That(new L1(1).Penalty(layer.Parameters()), Is.Not.Null);
        Assert.That(new L1(1).Penalty(new ActivationLayer(Activation.Relu).Parameters()), Is.Null);
    }
}
