using FsCheck.Fluent;
using MiniDL.Autograd;
using MiniDL.Autograd.Nodes;
using MiniDL.Tests.TestSupport;

namespace MiniDL.Tests.Autograd.Nodes;

[TestFixture]
public class MaximumTests
{
    [TestCaseSource(typeof(TestBackends), nameof(TestBackends.Float64))]
    public void Backward_RandomShapes_MatchesCentralDifferences(string backendName)
    {
        var backend = TestBackends.Get(backendName);

        // X₂ = X₁ + d with |d| ≥ 0.2: the inputs never tie, so the max has no kink near the point.
        var gen = from r in Generators.Dimension
                  from c in Generators.Dimension
                  from a in Generators.Matrix(r, c, Generators.Value(-2, 2))
                  from d in Generators.Matrix(r, c, Generators.AwayFromZero(-1, 1, 0.2))
                  select new[] { a, new MatrixCase(r, c, a.Values.Zip(d.Values, (x, y) => x + y).ToArray()) };
        NodeGradients.Check("maximum", backend, gen, v => Maximum.Forward(v[0], v[1]));
    }

    [Test]
    public void Forward_TwoByTwo_TakesLargerElement()
    {
        var y = Maximum.Forward(NodeGradients.Leaf(2, 2, 1, 2, 3, 4), NodeGradients.Leaf(2, 2, 5, -6, 3, 0));
        Assert.That(y.Value.ToArray(), Is.EqualTo(new double[] { 5, 2, 3, 4 }));
    }

    [Test]
    public void Backward_WithTie_SendsGradientToWinnerAndFirstOnTies()
    {
        var x1 = NodeGradients.Leaf(1, 3, 1, 5, 2);
        var x2 = NodeGradients.Leaf(1, 3, 4, 0, 2);
        Sum.Forward(Maximum.Forward(x1, x2)).Backward();
        Assert.That(x1.Grad!.ToArray(), Is.EqualTo(new double[] { 0, 1, 1 }), "∇X₁ (wins column 1, ties column 2)");
        Assert.That(x2.Grad!.ToArray(), Is.EqualTo(new double[] { 1, 0, 0 }), "∇X₂ (wins column 0)");
    }

    [Test]
    public void Forward_ShapesDiffer_ThrowsNamingBothShapes()
    {
        var ex = Assert.Throws<ArgumentException>(() => Maximum.Forward(Node.Leaf(Tensor.Zeros(2, 2)), Node.Leaf(Tensor.Zeros(2, 1))));
        Assert.That(ex!.Message, Does.Contain("maximum").And.Contain("(2, 2)").And.Contain("(2, 1)"));
    }
}
