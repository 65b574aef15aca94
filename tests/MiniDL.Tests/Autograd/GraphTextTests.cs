namespace MiniDL.Tests.Autograd;

public class GraphTextTests
{
    private static Node X() => Node.Leaf(Tensor.FromRows([[0.5, -2.0]]), "x");

    [Test]
    public void Format_ConstantNodes_ShowTheirConstantInBrackets()
    {
        var y = AddConstant.Forward(MultiplyConstant.Forward(X(), -1), 1);   // lesson 7's a4 = −a3, then a6 = a5 + 1

        var text = GraphText.Format(y.TopologicalOrder());

        Assert.That(text, Is.EqualTo("%0 = leaf x  (1, 2)\n%1 = multiply_constant[-1](%0)  (1, 2)\n%2 = add_constant[1](%1)  (1, 2)\n"));
    }

    [Test]
    public void Format_NodeWithoutConstant_HasNoBrackets()
        => Assert.That(GraphText.Format(Relu.Forward(X()).TopologicalOrder()), Is.EqualTo("%0 = leaf x  (1, 2)\n%1 = relu(%0)  (1, 2)\n"));
}
