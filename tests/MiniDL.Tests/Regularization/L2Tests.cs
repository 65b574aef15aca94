using MiniDL.Layers;
using MiniDL.Regularization;

namespace MiniDL.Tests.Regularization;

public class L2Tests
{
    [Test]
    public void Penalty_WeightsOnly_ValueAndGradientTwoLambdaTheta()
    {
        // W = [2, −3, 0.5], λ = 0.1: penalty 0.1·(4 + 9 + 0.25) = 1.325, ∇ = 2·0.1·W = [0.4, −0.6, 0.1] (not PyTorch's λW).
        var layer = Linear.FromValues([2, -3, 0.5], [7], 3, 1);
        var penalty = new L2(0.1).Penalty(layer.Parameters())!;
        Assert.That(penalty.Value.Item(), Is.EqualTo(1.325).Within(1e-15));
        penalty.Backward();
        Assert.That(layer.Weight.Grad!.ToArray(), Is.EqualTo(new[] { 0.4, -0.6, 0.1 }).Within(1e-15));
    }

    [Test]
    public void Penalty_TwoLayers_SumsOverWeights()
    {
        var model = new Sequential(Linear.FromValues([1, 2], [0, 0], 1, 2), Linear.FromValues([3, 4], [5], 2, 1));
        Assert.That(new L2(1.0).Penalty(model.Parameters())!.Value.Item(), Is.EqualTo(1 + 4 + 9 + 16));
    }
}
