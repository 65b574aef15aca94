namespace MiniDL.Tests.Autograd.Nodes;

public class ColumnSumsTests
{
    [TestCaseSource(typeof(TestBackends), nameof(TestBackends.Float64))]
    public void Backward_RandomShapes_MatchesCentralDifferences(string backendName) => GraphCases.ColumnSums.CheckGradients(backendName);

    [Test]
    public void Forward_ThreeByTwo_GivesColumnSums()
    {
        var y = ColumnSums.Forward(NodeGradients.Leaf(3, 2, 1, 2, 3, 4, 5, 6));
        Assert.That((y.Rows, y.Columns), Is.EqualTo((1, 2)));
        Assert.That(y.Value.ToArray(), Is.EqualTo(new double[] { 9, 12 }));
    }

    [Test]
    public void Backward_RowGradient_IsBroadcastDownTheRows()
    {
        var x = NodeGradients.Leaf(3, 2, 1, 2, 3, 4, 5, 6);
        ColumnSums.Forward(x).Backward(Tensor.FromArray([7.0, -1], 1, 2));
        Assert.That(x.Grad!.ToArray(), Is.EqualTo(new double[] { 7, -1, 7, -1, 7, -1 }));
    }
}
