using MiniDL.Regularization;

namespace MiniDL.Tests.Regularization;

public class L1Tests
{
    [Test]
    public void Penalty_WeightsOnly_ValueAndGradientLambdaSign()
    {
        // W = [2, −3, 0.5], λ = 0.1: penalty 0.1·5.5 = 0.55, ∇ = 0.1·[1, −1, 1]; the bias gets nothing.
        PenaltyCheck.AssertHandValues(new L1(0.1), [2, -3, 0.5], 0.55, [0.1, -0.1, 0.1]);
    }
}
