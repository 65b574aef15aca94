using MiniDL.Layers;
using MiniDL.Regularization;

namespace MiniDL.Tests.Regularization;

public class ElasticNetTests
{
    [Test]
    public void Penalty_HandValues_GradientLambda1SignPlusTwoLambda2Theta()
    {
        // W = [2, −3], λ₁ = 0.1, λ₂ = 0.01: penalty 0.1·5 + 0.01·13 = 0.63; ∇ = [0.1 + 0.04, −0.1 − 0.06] = [0.14, −0.16].
        PenaltyCheck.AssertHandValues(new ElasticNet(0.1, 0.01), [2, -3], 0.63, [0.14, -0.16]);
    }

    [Test]
    public void Lesson1_LambdaBeta_IsLambdaTimesBetaSquaredPlusAbs()
    {
        // Lesson 1: λ Σ (β W² + |W|), λ = 0.5, β = 2, W = [1, −2]: 0.5·(2·5 + 3) = 6.5.
        var layer = Linear.FromValues([1, -2], [0], 2, 1);
        Assert.That(ElasticNet.Lesson1(0.5, 2).Penalty(layer.Parameters())!.Value.Item(), Is.EqualTo(6.5).Within(1e-15));
    }
}
