namespace MiniDL.Tests.Autograd.Activations;

public class LeakyReluTests
{
    [TestCaseSource(typeof(TestBackends), nameof(TestBackends.Float64))]
    public void Backward_RandomShapesAndGammaAwayFromKink_MatchesCentralDifferences(string backendName) => GraphCases.LeakyRelu.CheckGradients(backendName);

    [TestCase(-0.1)]
    [TestCase(1.5)]
    [TestCase(double.NaN)]
    public void Forward_GammaOutsideZeroOne_ThrowsNamingOperation(double gamma)
    {
        var ex = Assert.Throws<ArgumentException>(() => LeakyRelu.Forward(Node.Leaf(Tensor.Zeros(2, 3)), gamma));
        Assert.That(ex!.Message, Does.Contain("leaky_relu").And.Contain("(2, 3)"));
    }

    [Test]
    public void Forward_DefaultGamma_IsLecturesMaxOfPointOneXAndX()
    {
        var y = LeakyRelu.Forward(Node.Leaf(Tensor.FromRows([[-2, 0, 3]]))).Value.ToArray();
        Assert.That(y, Is.EqualTo(new[] { -0.2, 0, 3 }).Within(1e-15));
        Assert.That(LeakyRelu.DefaultGamma, Is.EqualTo(0.1));
    }

    [Test]
    public void Backward_AtKinkZero_GradientIsGamma()
    {
        var x = Node.Leaf(Tensor.FromRows([[-1, 0, 2]]));
        LeakyRelu.Forward(x, 0.25).Backward(Tensor.FromRows([[1, 1, 1]]));
        Assert.That(x.Grad!.ToArray(), Is.EqualTo(new[] { 0.25, 0.25, 1 }));
    }
}
