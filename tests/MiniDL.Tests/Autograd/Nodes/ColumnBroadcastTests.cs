namespace MiniDL.Tests.Autograd.Nodes;

public class ColumnBroadcastTests
{
    [TestCaseSource(typeof(TestBackends), nameof(TestBackends.Float64AndBinaryOps))]
    public void Backward_RandomShapes_MatchesCentralDifferences(string backendName, BinaryOp op) => GraphCases.ColumnBroadcast(op).CheckGradients(backendName);

    [Test]
    public void Forward_DivideByRowSums_NormalizesEachRow()
    {
        // Softmax's normalization step: each row divided by its sum.
        var x = NodeGradients.Leaf(2, 2, 1, 3, 2, 2);
        var y = ColumnBroadcast.Forward(BinaryOp.Divide, x, RowSums.Forward(x));
        Assert.That(y.Value.ToArray(), Is.EqualTo(new double[] { 0.25, 0.75, 0.5, 0.5 }));
    }

    [Test]
    public void Backward_AddColumn_ColumnGradientSumsOverColumns()
    {
        var x = NodeGradients.Leaf(2, 3, 0, 0, 0, 0, 0, 0);
        var c = NodeGradients.Leaf(2, 1, 1, 2);
        ColumnBroadcast.Forward(BinaryOp.Add, x, c).Backward(Tensor.FromArray([1.0, 2, 3, 4, 5, 6], 2, 3));
        Assert.That(x.Grad!.ToArray(), Is.EqualTo(new double[] { 1, 2, 3, 4, 5, 6 }), "∇X = ∇Y");
        Assert.That(c.Grad!.ToArray(), Is.EqualTo(new double[] { 6, 15 }), "∇C = Σⱼ ∇Y");
    }

    [Test]
    public void Forward_ColumnOfWrongHeight_ThrowsNamingBothShapes()
    {
        var ex = Assert.Throws<ArgumentException>(() => ColumnBroadcast.Forward(BinaryOp.Add, Node.Leaf(Tensor.Zeros(3, 4)), Node.Leaf(Tensor.Zeros(2, 1))));
        Assert.That(ex!.Message, Does.Contain("column_broadcast").And.Contain("(3, 4)").And.Contain("(2, 1)"));
    }
}
