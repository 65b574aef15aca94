using FsCheck.Fluent;
using MiniDL.Autograd;
using MiniDL.Autograd.Losses;
using MiniDL.GradCheck;
using MiniDL.Tests.TestSupport;

namespace MiniDL.Tests.Autograd.Losses;

[TestFixture]
public class MeanAbsoluteErrorTests
{
    private static readonly HashSet<int> Target = [1];

    [TestCaseSource(typeof(TestBackends), nameof(TestBackends.Float64))]
    public void Backward_RandomShapesAwayFromKink_MatchesCentralDifferences(string backendName)
    {
        var backend = TestBackends.Get(backendName);
        var gen = from r in Generators.Dimension
                  from c in Generators.Dimension
                  from y in Generators.Matrix(r, c, Generators.Value(-2, 2))
                  from e in Generators.Matrix(r, c, Generators.AwayFromZero(-2, 2, 0.1))
                  select (p: new MatrixCase(r, c, y.Values.Zip(e.Values, (a, b) => a + b).ToArray()), y);
        Properties.Check("mae gradient", gen, t =>
        {
            var report = GradientChecker.Check("mae", v => MeanAbsoluteError.Forward(v[0], v[1]), [t.p.ToTensor(backend), t.y.ToTensor(backend)], constantInputs: Target);
            Assert.That(report.Passed, Is.True, $"{report} at ŷ={t.p}, y={t.y}");
        });
    }

    [Test]
    public void Forward_Vector_IsMeanOfAbsoluteErrors()
    {
        var loss = MeanAbsoluteError.Forward(Node.Leaf(Tensor.FromRows([[1, -2, 3]])), Node.Constant(Tensor.FromRows([[0, 0, 5]])));
        Assert.That(loss.Value.Item(), Is.EqualTo((1 + 2 + 2) / 3.0).Within(1e-15));
    }

    [Test]
    public void Backward_PredictionEqualsTarget_SubgradientIsZero()
    {
        var p = Node.Leaf(Tensor.FromRows([[1, -2, 3, 4]]));
        MeanAbsoluteError.Forward(p, Node.Constant(Tensor.FromRows([[1, 0, 5, 4]]))).Backward();
        Assert.That(p.Grad!.ToArray(), Is.EqualTo(new[] { 0, -0.25, -0.25, 0 }), "sign(ŷ − y)/N with sign(0) = 0");
    }

    [Test]
    public void Forward_ShapesDiffer_ThrowsNamingBothShapes()
    {
        var ex = Assert.Throws<ArgumentException>(() => MeanAbsoluteError.Forward(Node.Leaf(Tensor.Zeros(1, 3)), Node.Constant(Tensor.Zeros(1, 4))));
        Assert.That(ex!.Message, Does.Contain("mae").And.Contain("(1, 3)").And.Contain("(1, 4)"));
    }
}
