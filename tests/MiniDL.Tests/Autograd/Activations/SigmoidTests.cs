namespace MiniDL.Tests.Autograd.Activations;

public class SigmoidTests
{
    [TestCaseSource(typeof(TestBackends), nameof(TestBackends.Float64))]
    public void Backward_RandomShapes_MatchesCentralDifferences(string backendName) => GraphCases.Sigmoid.CheckGradients(backendName);

    [Test]
    public void Forward_KnownInputs_MatchesOneOverOnePlusExpMinusX()
    {
        var y = Sigmoid.Forward(Node.Leaf(Tensor.FromRows([[0, 2, -3]]))).Value.ToArray();
        Assert.That(y, Is.EqualTo(new[] { 0.5, 1 / (1 + Math.Exp(-2)), 1 / (1 + Math.Exp(3)) }).Within(1e-15));
    }

    [Test]
    public void Backward_LectureSevenNeuron_GivesLectureNumbers()
    {
        // Lesson 7's sigmoid neuron: w0 x0 + w1 x1 + w2 = 2·(−1) + (−3)·(−2) + (−3) = 1, f = σ(1) ≈ 0.73, ∂f/∂(w·x + b) ≈ 0.20.
        var a = Node.Leaf(Tensor.Scalar(1.0));
        var f = Sigmoid.Forward(a);
        f.Backward();
        Assert.That(f.Value.Item(), Is.EqualTo(0.73).Within(0.005), "sigmoid(1)");
        Assert.That(a.Grad!.Item(), Is.EqualTo(0.1966).Within(1e-4), "sigmoid'(1) = f(1 - f)");
    }

    [Test]
    public void Backward_InputWithoutGradient_LeavesItsGradientNull()
    {
        var x = Node.Constant(Tensor.FromRows([[1, 2]]));
        var y = Sigmoid.Forward(x);
        y.Backward(Tensor.FromRows([[1, 1]]));
        Assert.That(x.Grad, Is.Null);
    }
}
