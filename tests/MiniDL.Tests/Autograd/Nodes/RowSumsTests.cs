namespace MiniDL.Tests.Autograd.Nodes;

public class RowSumsTests
{
    [TestCaseSource(typeof(TestBackends), nameof(TestBackends.Float64))]
    public void Backward_RandomShapes_MatchesCentralDifferences(string backendName) => GraphCases.RowSums.CheckGradients(backendName);

    [Test]
    public void Backward_ColumnGradient_IsBroadcastAcrossTheColumns()
    {
        var x = NodeGradients.Leaf(3, 2, 1, 2, 3, 4, 5, 6);
        RowSums.Forward(x).Backward(Tensor.FromArray([7.0, -1, 2], 3, 1));
        Assert.That(x.Grad!.ToArray(), Is.EqualTo(new double[] { 7, 7, -1, -1, 2, 2 }));
    }

    [Test]
    public void Forward_ThreeByTwo_GivesRowSums()
    {
        var y = RowSums.Forward(NodeGradients.Leaf(3, 2, 1, 2, 3, 4, 5, 6));
        Assert.That((y.Rows, y.Columns), Is.EqualTo((3, 1)));
        Assert.That(y.Value.ToArray(), Is.EqualTo(new double[] { 3, 7, 11 }));
    }
}
