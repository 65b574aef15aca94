namespace MiniDL.Tests.Autograd.Losses;

public class BinaryCrossEntropyTests
{
    private static Gen<(MatrixCase P, MatrixCase Y)> Cases => GraphCases.ProbabilitiesAndLabels;

    [TestCaseSource(typeof(TestBackends), nameof(TestBackends.Float64))]
    public void Backward_RandomShapesBothReductions_MatchesCentralDifferences(string backendName) => GraphCases.BinaryCrossEntropy.CheckGradients(backendName);

    [Test]
    public void Forward_KnownValues_MatchesDayOneFormula()
    {
        var loss = BinaryCrossEntropy.Forward(Node.Leaf(Tensor.FromRows([[0.9], [0.2], [0.6]])), Node.Constant(Tensor.FromRows([[1], [0], [1]])));
        double expected = -(Math.Log(0.9) + Math.Log(0.8) + Math.Log(0.6)) / 3;
        Assert.That(loss.Value.Item(), Is.EqualTo(expected).Within(1e-15));
    }

    [Test]
    public void Forward_SumReduction_IsNTimesMean()
    {
        Properties.Check("bce sum = n × mean", Cases, t =>
        {
            var backend = ReferenceBackend.Instance;
            double mean = BinaryCrossEntropy.Forward(Node.Leaf(t.P.ToTensor(backend)), Node.Constant(t.Y.ToTensor(backend)), Reduction.Mean).Value.Item();
            double sum = BinaryCrossEntropy.Forward(Node.Leaf(t.P.ToTensor(backend)), Node.Constant(t.Y.ToTensor(backend)), Reduction.Sum).Value.Item();
            Assert.That(sum, Is.EqualTo(t.P.Values.Length * mean).Within(1e-10 * Math.Max(1, Math.Abs(sum))), $"bce {t.P.Rows}x{t.P.Columns} at ŷ={t.P}, y={t.Y}");
        });
    }

    [Test]
    public void Backward_ThroughSigmoid_IsPredictionMinusLabelOverN()
    {
        // Lesson 7's error e = ŷ − y: the sigmoid's ŷ(1 − ŷ) cancels BCE's denominator.
        var z = Node.Leaf(Tensor.FromRows([[0.3, -1.2, 2.0, 0.0]]));
        var y = Tensor.FromRows([[1, 0, 0, 1]]);
        var yHat = Sigmoid.Forward(z);
        BinaryCrossEntropy.Forward(yHat, Node.Constant(y)).Backward();
        var expected = yHat.Value.ToArray().Zip(y.ToArray(), (p, t) => (p - t) / 4).ToArray();
        Assert.That(z.Grad!.ToArray(), Is.EqualTo(expected).Within(1e-14));
    }

    [Test]
    public void Forward_ShapesDiffer_ThrowsNamingBothShapes()
    {
        var ex = Assert.Throws<ArgumentException>(() => BinaryCrossEntropy.Forward(Node.Leaf(Tensor.Zeros(4, 1)), Node.Constant(Tensor.Zeros(1, 4))));
        Assert.That(ex!.Message, Does.Contain("bce").And.Contain("(4, 1)").And.Contain("(1, 4)"));
    }
}
