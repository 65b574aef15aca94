using FsCheck.Fluent;
using MiniDL.Autograd;
using MiniDL.Autograd.Activations;
using MiniDL.GradCheck;
using MiniDL.Tests.TestSupport;

namespace MiniDL.Tests.Autograd.Activations;

[TestFixture]
public class ReluTests
{
    [TestCaseSource(typeof(TestBackends), nameof(TestBackends.Float64))]
    public void Backward_RandomShapesAwayFromKink_MatchesCentralDifferences(string backendName)
    {
        var backend = TestBackends.Get(backendName);
        Properties.Check("relu gradient", Generators.AnyMatrix(Generators.AwayFromZero(-2, 2, 0.1)), x =>
        {
            var report = GradientChecker.Check("relu", v => Relu.Forward(v[0]), [x.ToTensor(backend)]);
            Assert.That(report.Passed, Is.True, $"{report} at X={x}");
        });
    }

    [Test]
    public void Forward_MixedSigns_IsMaxOfZeroAndX()
    {
        var y = Relu.Forward(Node.Leaf(Tensor.FromRows([[-2, 0, 3.5]]))).Value.ToArray();
        Assert.That(y, Is.EqualTo(new[] { 0, 0, 3.5 }));
    }

    [Test]
    public void Backward_AtKinkZero_GradientIsZeroAsPyTorch()
    {
        var x = Node.Leaf(Tensor.FromRows([[-1, 0, 2]]));
        Relu.Forward(x).Backward(Tensor.FromRows([[5, 5, 5]]));
        Assert.That(x.Grad!.ToArray(), Is.EqualTo(new double[] { 0, 0, 5 }), "ReLU'(x) = [x > 0], so ReLU'(0) = 0");
    }
}
