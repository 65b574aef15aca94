using MiniDL.Layers;
using MiniDL.Regularization;

namespace MiniDL.Tests.Regularization;

public class L1Tests
{
    [Test]
    public void Penalty_WeightsOnly_ValueAndGradientLambdaSign()
    {
        // W = [2, −3, 0.5], λ = 0.1: penalty 0.1·5.5 = 0.55, ∇ = 0.1·[1, −1, 1]; the bias gets nothing.
        var layer = Linear.FromValues([2, -3, 0.5], [7], 3, 1);
        var penalty = new L1(0.1).Penalty(layer.Parameters())!;
        Assert.That(penalty.Value.Item(), Is.EqualTo(0.55).Within(1e-15));
        penalty.Backward();
        Assert.That(layer.Weight.Grad!.ToArray(), Is.EqualTo(new[] { 0.1, -0.1, 0.1 }).Within(1e-15));
        Assert.That(layer.Bias.Grad, Is.Null);
    }
}
