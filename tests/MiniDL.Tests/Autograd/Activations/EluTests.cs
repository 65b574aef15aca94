using FsCheck.Fluent;
using MiniDL.Autograd;
using MiniDL.Autograd.Activations;
using MiniDL.GradCheck;
using MiniDL.Tests.TestSupport;

namespace MiniDL.Tests.Autograd.Activations;

[TestFixture]
public class EluTests
{
    [TestCaseSource(typeof(TestBackends), nameof(TestBackends.Float64))]
    public void Backward_RandomShapesAndAlphaAwayFromKink_MatchesCentralDifferences(string backendName)
    {
        var backend = TestBackends.Get(backendName);
        var gen = from x in Generators.AnyMatrix(Generators.AwayFromZero(-3, 3, 0.1))
                  from alpha in Generators.Value(0.1, 2)
                  select (x, alpha);
        Properties.Check("elu gradient", gen, c =>
        {
            var report = GradientChecker.Check("elu", v => Elu.Forward(v[0], c.alpha), [c.x.ToTensor(backend)]);
            Assert.That(report.Passed, Is.True, $"{report} at X={c.x}, α={c.alpha}");
        });
    }

    [Test]
    public void Forward_DefaultAlpha_IsXOrAlphaTimesExpMinusOne()
    {
        var y = Elu.Forward(Node.Leaf(Tensor.FromRows([[-2, 0, 1.5]]))).Value.ToArray();
        Assert.That(y, Is.EqualTo(new[] { Math.Exp(-2) - 1, 0, 1.5 }).Within(1e-15));
    }

    [Test]
    public void Backward_NegativeAndZeroInputs_IsAlphaExpXAndOne()
    {
        var x = Node.Leaf(Tensor.FromRows([[-1, 0]]));
        Elu.Forward(x, 0.5).Backward(Tensor.FromRows([[1, 1]]));
        Assert.That(x.Grad!.ToArray(), Is.EqualTo(new[] { 0.5 * Math.Exp(-1), 1 }).Within(1e-15), "x ≥ 0 takes the lecture's first branch");
    }
}
