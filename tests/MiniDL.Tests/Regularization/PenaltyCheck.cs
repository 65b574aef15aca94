using MiniDL.Layers;
using MiniDL.Regularization;

namespace MiniDL.Tests.Regularization;

/// <summary>The hand-value check of a weight penalty, shared by the L1, L2 and elastic-net tests.</summary>
internal static class PenaltyCheck
{
    /// <summary>
    /// On one layer with weights <paramref name="weights"/> (one output) and bias [7], the penalty's value is
    /// <paramref name="expectedPenalty"/> and its gradient on W is <paramref name="expectedGradient"/> (both within
    /// 1e-15); the bias gets no gradient.
    /// </summary>
    public static void AssertHandValues(Regularizer regularizer, double[] weights, double expectedPenalty, double[] expectedGradient)
    {
        var layer = Linear.FromValues(weights, [7], weights.Length, 1);
        var penalty = regularizer.Penalty(layer.Parameters())!;
        Assert.That(penalty.Value.Item(), Is.EqualTo(expectedPenalty).Within(1e-15));
        penalty.Backward();
        Assert.That(layer.Weight.Grad!.ToArray(), Is.EqualTo(expectedGradient).Within(1e-15));
        Assert.That(layer.Bias.Grad, Is.Null);
    }
}
