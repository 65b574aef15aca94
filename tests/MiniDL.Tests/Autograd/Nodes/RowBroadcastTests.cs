using FsCheck.Fluent;
using MiniDL.Autograd;
using MiniDL.Autograd.Nodes;
using MiniDL.Backends;
using MiniDL.Tests.TestSupport;

namespace MiniDL.Tests.Autograd.Nodes;

[TestFixture]
public class RowBroadcastTests
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

        // The row stays away from 0 (divide) and X from R by at least 0.2 (max has a kink on ties).
        var gen = from n in Generators.Dimension
                  from m in Generators.Dimension
                  from r in Generators.Matrix(1, m, Generators.AwayFromZero(-2, 2, 0.5))
                  from d in Generators.Matrix(n, m, Generators.AwayFromZero(-1, 1, 0.2))
                  select new[] { new MatrixCase(n, m, d.Values.Select((v, k) => v + r.Values[k % m]).ToArray()), r };
        NodeGradients.Check($"row_broadcast({op})", backend, gen, v => RowBroadcast.Forward(op, v[0], v[1]));
    }

    [Test]
    public void Forward_SubtractRow_SubtractsFromEveryRow()
    {
        var y = RowBroadcast.Forward(BinaryOp.Subtract, NodeGradients.Leaf(2, 2, 1, 2, 3, 4), NodeGradients.Leaf(1, 2, 1, 10));
        Assert.That(y.Value.ToArray(), Is.EqualTo(new double[] { 0, -8, 2, -6 }));
    }

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
