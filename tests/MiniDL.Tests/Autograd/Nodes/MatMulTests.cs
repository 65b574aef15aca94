namespace MiniDL.Tests.Autograd.Nodes;

public class MatMulTests
{
    [TestCaseSource(typeof(TestBackends), nameof(TestBackends.Float64))]
    public void Backward_RandomShapes_MatchesCentralDifferences(string backendName) => GraphCases.MatMul.CheckGradients(backendName);

    [Test]
    public void Forward_TwoByTwo_ComputesProduct()
    {
        var x = Node.Leaf(Tensor.FromRows([[1, 2], [3, 4]]));
        var w = Node.Leaf(Tensor.FromRows([[5, 6], [7, 8]]));
        Assert.That(MatMul.Forward(x, w).Value.ToArray(), Is.EqualTo(new double[] { 19, 22, 43, 50 }));
    }

    [Test]
    public void Forward_InnerDimensionsDiffer_ThrowsNamingBothShapes()
    {
        var x = Node.Leaf(Tensor.Zeros(2, 3));
        var w = Node.Leaf(Tensor.Zeros(4, 5));
        var ex = Assert.Throws<ArgumentException>(() => MatMul.Forward(x, w));
        Assert.That(ex!.Message, Does.Contain("matmul").And.Contain("(2, 3)").And.Contain("(4, 5)"));
    }
}
