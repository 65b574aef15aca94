using MiniDL.Layers;
using MiniDL.Regularization;

namespace MiniDL.Tests.Regularization;

public class L2Tests
{
    [Test]
    public void Penalty_WeightsOnly_ValueAndGradientTwoLambdaTheta()
    {
        // W = [2, −3, 0.5], λ = 0.1: penalty 0.1·(4 + 9 + 0.25) = 1.325, ∇ = 2·0.1·W = [0.4, −0.6, 0.1] (not PyTorch's λW).
        PenaltyCheck.AssertHandValues(new L2(0.1), [2, -3, 0.5], 1.325, [0.4, -0.6, 0.1]);
    }

    [Test]
    public void Penalty_TwoLayers_SumsOverWeights()
    {
        var model = new Sequential(Linear.FromValues([1, 2], [0, 0], 1, 2), Linear.FromValues([3, 4], [5], 2, 1));
        Assert.That(new L2(1.0).Penalty(model.Parameters())!.Value.Item(), Is.EqualTo(1 + 4 + 9 + 16));
    }
}
