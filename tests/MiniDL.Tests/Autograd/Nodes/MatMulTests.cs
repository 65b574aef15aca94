using FsCheck.Fluent;
using MiniDL.Autograd;
using MiniDL.Autograd.Nodes;
using MiniDL.GradCheck;
using MiniDL.Tests.TestSupport;

namespace MiniDL.Tests.Autograd.Nodes;

[TestFixture]
public class MatMulTests
{
    [TestCaseSource(typeof(TestBackends), nameof(TestBackends.Float64))]
    public void Backward_RandomShapes_MatchesCentralDifferences(string backendName)
    {
        var backend = TestBackends.Get(backendName);
        var gen = from n in Generators.Dimension
                  from d in Generators.Dimension
                  from m in Generators.Dimension
                  from x in Generators.Matrix(n, d, Generators.Value(-2, 2))
                  from w in Generators.Matrix(d, m, Generators.Value(-2, 2))
                  select (x, w);
        Properties.Check("matmul gradient", gen, c =>
        {
            var report = GradientChecker.Check("matmul", v => MatMul.Forward(v[0], v[1]), [c.x.ToTensor(backend), c.w.ToTensor(backend)]);
            Assert.That(report.Passed, Is.True, $"{report} at X={c.x}, W={c.w}");
        });
    }

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
