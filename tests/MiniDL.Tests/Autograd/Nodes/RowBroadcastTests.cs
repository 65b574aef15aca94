namespace MiniDL.Tests.Autograd.Nodes;

public class RowBroadcastTests
{
    [TestCaseSource(typeof(TestBackends), nameof(TestBackends.Float64AndBinaryOps))]
    public void Backward_RandomShapes_MatchesCentralDifferences(string backendName, BinaryOp op) => GraphCases.RowBroadcast(op).CheckGradients(backendName);

    [Test]
    public void Forward_SubtractRow_SubtractsFromEveryRow()
        => Assert.That(RowBroadcast.Forward(BinaryOp.Subtract, NodeGradients.Leaf(2, 2, 1, 2, 3, 4), NodeGradients.Leaf(1, 2, 1, 10)).Value.ToArray(), Is.EqualTo(new double[] { 0, -8, 2, -6 }));

    [Test]
    public void Backward_MultiplyRow_RowGradientSumsOverRows()
    {
        // Y = X ⊙ R: ∇X[i,j] = ∇Y R[j], ∇R[j] = Σᵢ ∇Y X[i,j].
        var x = NodeGradients.Leaf(2, 2, 1, 2, 3, 4);
        var r = NodeGradients.Leaf(1, 2, 5, 6);
        Sum.Forward(RowBroadcast.Forward(BinaryOp.Multiply, x, r)).Backward();
        Assert.That(x.Grad!.ToArray(), Is.EqualTo(new double[] { 5, 6, 5, 6 }), "∇X");
        Assert.That(r.Grad!.ToArray(), Is.EqualTo(new double[] { 4, 6 }), "∇R");
    }

    [Test]
    public void Forward_RowOfWrongWidth_ThrowsNamingBothShapes()
    {
        var ex = Assert.Throws<ArgumentException>(() => RowBroadcast.Forward(BinaryOp.Add, Node.Leaf(Tensor.Zeros(3, 4)), Node.Leaf(Tensor.Zeros(1, 3))));
        Assert.That(ex!.Message, Does.Contain("row_broadcast").And.Contain("(3, 4)").And.Contain("(1, 3)"));
    }
}
