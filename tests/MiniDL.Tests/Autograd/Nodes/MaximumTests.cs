namespace MiniDL.Tests.Autograd.Nodes;

/// <summary>Y = max(X₁, X₂) element-wise.</summary>
public class MaximumTests() : BinaryNodeTests(GraphCases.Maximum, Maximum.Forward, [5, -6, 3, 0], [5, 2, 3, 4], (2, 2), (2, 1))
{
    [Test]
    public void Backward_WithTie_SendsGradientToWinnerAndFirstOnTies()
    {
        var x1 = Leaf(1, 3, 1, 5, 2);
        var x2 = Leaf(1, 3, 4, 0, 2);
        Sum.Forward(Maximum.Forward(x1, x2)).Backward();
        Assert.That(x1.Grad!.ToArray(), Is.EqualTo(new double[] { 0, 1, 1 }), "∇X₁ (wins column 1, ties column 2)");
        Assert.That(x2.Grad!.ToArray(), Is.EqualTo(new double[] { 1, 0, 0 }), "∇X₂ (wins column 0)");
    }
}
