namespace MiniDL.Tests.Autograd.Losses;

public class CategoricalCrossEntropyTests
{
    [TestCaseSource(typeof(TestBackends), nameof(TestBackends.Float64))]
    public void Backward_RandomShapes_MatchesCentralDifferences(string backendName) => GraphCases.CategoricalCrossEntropy.CheckGradients(backendName);

    [Test]
    public void Forward_TwoSamples_IsMinusMeanLogOfTrueClassProbability()
    {
        var p = Node.Leaf(Tensor.FromRows([[0.7, 0.2, 0.1], [0.1, 0.1, 0.8]]));
        var y = Node.Constant(Tensor.FromRows([[1, 0, 0], [0, 0, 1]]));
        Assert.That(CategoricalCrossEntropy.Forward(p, y).Value.Item(), Is.EqualTo(-(Math.Log(0.7) + Math.Log(0.8)) / 2).Within(1e-15), "n = 2 samples (rows)");
    }

    [Test]
    public void Backward_TwoSamples_IsMinusTargetOverNTimesPrediction()
    {
        var p = Node.Leaf(Tensor.FromRows([[0.5, 0.25], [0.2, 0.8]]));
        CategoricalCrossEntropy.Forward(p, Node.Constant(Tensor.FromRows([[1, 0], [0, 1]]))).Backward();
        Assert.That(p.Grad!.ToArray(), Is.EqualTo(new[] { -1.0, 0, 0, -1 / (2 * 0.8) }).Within(1e-15));
    }

    [Test]
    public void Forward_ShapesDiffer_ThrowsNamingBothShapes()
    {
        var ex = Assert.Throws<ArgumentException>(() => CategoricalCrossEntropy.Forward(Node.Leaf(Tensor.Zeros(2, 3)), Node.Constant(Tensor.Zeros(2, 4))));
        Assert.That(ex!.Message, Does.Contain("cce").And.Contain("(2, 3)").And.Contain("(2, 4)"));
    }

    [Test]
    public void Forward_SumReduction_IsTheNotesFormWithoutOneOverN()
    {
        // "Deep learning and neural networks" notes: CE = −Σᵢ Σⱼ yᵢⱼ log ŷᵢⱼ = −(log 0.7 + log 0.8).
        var p = Node.Leaf(Tensor.FromRows([[0.7, 0.2, 0.1], [0.1, 0.1, 0.8]]));
        var y = Node.Constant(Tensor.FromRows([[1, 0, 0], [0, 0, 1]]));
        Assert.That(CategoricalCrossEntropy.Forward(p, y, Reduction.Sum).Value.Item(), Is.EqualTo(-(Math.Log(0.7) + Math.Log(0.8))).Within(1e-15));
        Assert.That(CategoricalCrossEntropy.Forward(p, y, Reduction.Mean).Value.Item(), Is.EqualTo(CategoricalCrossEntropy.Forward(p, y).Value.Item()), "Mean is the default");
    }

    [Test]
    public void Backward_SumReduction_IsMinusTargetOverPrediction()
    {
        var p = Node.Leaf(Tensor.FromRows([[0.5, 0.25], [0.2, 0.8]]));
        CategoricalCrossEntropy.Forward(p, Node.Constant(Tensor.FromRows([[1, 0], [0, 1]])), Reduction.Sum).Backward();
        Assert.That(p.Grad!.ToArray(), Is.EqualTo(new[] { -2.0, 0, 0, -1 / 0.8 }).Within(1e-15));
    }
}
