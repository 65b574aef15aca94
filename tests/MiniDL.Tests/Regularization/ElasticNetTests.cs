using MiniDL.Layers;
using MiniDL.Regularization;

namespace MiniDL.Tests.Regularization;

public class ElasticNetTests
{
    [Test]
    public void Lesson1_LambdaBeta_IsLambdaTimesBetaSquaredPlusAbs()
    {
        // Lesson 1: λ Σ (β W² + |W|), λ = 0.5, β = 2, W = [1, −2]: 0.5·(2·5 + 3) = 6.5.
        var layer = Linear.FromValues([1, -2], [0], 2, 1);
        Assert.That(ElasticNet.Lesson1(0.5, 2).Penalty(layer.Parameters())!.Value.Item(), Is.EqualTo(6.5).Within(1e-15));
    }
}
