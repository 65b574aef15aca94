using FsCheck.Fluent;
using MiniDL.Autograd;
using MiniDL.Autograd.Nodes;
using MiniDL.Backends;
using MiniDL.Tests.TestSupport;

namespace MiniDL.Tests.Autograd.Nodes;

[TestFixture]
public class ColumnBroadcastTests
{
    private static IEnumerable<TestCaseData> BackendsAndOps()
    {
        foreach (var backend in TestBackends.Float64)
        {
            foreach (var op in Enum.GetValues<BinaryOp>())
            {
                yield return new TestCaseData(backend, op);
            }
        }
    }

    [TestCaseSource(nameof(BackendsAndOps))]
    public void Backward_RandomShapes_MatchesCentralDifferences(string backendName, BinaryOp op)
    {
        var backend = TestBackends.Get(backendName);

        // The column stays away from 0 (divide) and X from C by at least 0.2 (max has a kink on ties).
        var gen = from n in Generators.Dimension
                  from m in Generators.Dimension
                  from c in Generators.Matrix(n, 1, Generators.AwayFromZero(-2, 2, 0.5))
                  from d in Generators.Matrix(n, m, Generators.AwayFromZero(-1, 1, 0.2))
                  select new[] { new MatrixCase(n, m, d.Values.Select((v, k) => v + c.Values[k / m]).ToArray()), c };
        NodeGradients.Check($"column_broadcast({op})", backend, gen, v => ColumnBroadcast.Forward(op, v[0], v[1]));
    }

    [Test]
    public void Forward_DivideByRowSums_NormalizesEachRow()
    {
        // Softmax's normalization step: each row divided by its sum.
        var x = NodeGradients.Leaf(2, 2, 1, 3, 2, 2);
        var y = ColumnBroadcast.Forward(BinaryOp.Divide, x, SumColumns.Forward(x));
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
