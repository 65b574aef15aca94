namespace MiniDL.Tests.Autograd.Nodes;

/// <summary>Y = X₁ − X₂.</summary>
public class SubtractTests() : BinaryNodeTests(GraphCases.Subtract, Subtract.Forward, [5, -6, 0.5, 0], [-4, 8, 2.5, 4], (2, 3), (2, 4))
{
    [Test]
    public void Backward_SumOfDifference_GivesPlusAndMinusOne()
    {
        var x1 = Leaf(1, 2, 1, 2);
        var x2 = Leaf(1, 2, 3, 4);
        Sum.Forward(Subtract.Forward(x1, x2)).Backward();
        Assert.That(x1.Grad!.ToArray(), Is.EqualTo(new double[] { 1, 1 }), "∇X₁ = ∇Y");
        Assert.That(x2.Grad!.ToArray(), Is.EqualTo(new double[] { -1, -1 }), "∇X₂ = −∇Y");
    }
}
