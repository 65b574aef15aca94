namespace MiniDL.Tests.Autograd.Losses;

public class SoftmaxCrossEntropyTests
{
    private static Gen<(MatrixCase Z, MatrixCase T)> Cases(double range) => GraphCases.LogitsAndTargets(range).Select(v => (v[0], v[1]));

    [TestCaseSource(typeof(TestBackends), nameof(TestBackends.Float64))]
    public void Backward_RandomShapes_MatchesCentralDifferences(string backendName) => GraphCases.SoftmaxCrossEntropy.CheckGradients(backendName);

    [Test]
    public void Forward_LectureCatCarFrog_IsAbout2Point04()
    {
        // Lessons 1 and 3: scores cat 3.2, car 5.1, frog −1.7, true class cat: L = −ln 0.13 ≈ 2.04.
        var loss = SoftmaxCrossEntropy.Forward(Node.Leaf(Tensor.FromRows([[3.2, 5.1, -1.7]])), Node.Constant(Tensor.FromRows([[1, 0, 0]])));
        Assert.That(loss.Value.Item(), Is.EqualTo(2.04).Within(0.005));
    }

    [Test]
    public void Forward_LectureSvmVersusSoftmaxScores_IsAbout1Point04()
    {
        // Lesson 1's "SVM vs. softmax": scores −2.85, 0.86, 0.28 with y = 2: p ≈ 0.016, 0.631, 0.353, CE ≈ 1.04.
        var loss = SoftmaxCrossEntropy.Forward(Node.Leaf(Tensor.FromRows([[-2.85, 0.86, 0.28]])), Node.Constant(Tensor.FromRows([[0, 0, 1]])));
        Assert.That(loss.Value.Item(), Is.EqualTo(1.04).Within(0.005));
    }

    [Test]
    public void Backward_TwoRows_IsProbabilitiesMinusTargetsOverN()
    {
        var z = Node.Leaf(Tensor.FromRows([[1, 2, 3], [0, 0, 0]]));
        var t = Tensor.FromRows([[0, 1, 0], [1, 0, 0]]);
        SoftmaxCrossEntropy.Forward(z, Node.Constant(t)).Backward();
        var p = Softmax.Forward(Node.Constant(z.Value)).Value.ToArray();
        var expected = p.Zip(t.ToArray(), (a, b) => (a - b) / 2).ToArray();
        Assert.That(z.Grad!.ToArray(), Is.EqualTo(expected).Within(1e-15));
    }

    [Test]
    public void ForwardBackward_RandomLogits_EqualLogSoftmaxThenPickingTargetColumn()
    {
        Properties.Check("softmax_cross_entropy = −mean picked log_softmax", Cases(10), x =>
        {
            var backend = ReferenceBackend.Instance;
            int n = x.Z.Rows;
            var z1 = Node.Leaf(x.Z.ToTensor(backend));
            var fused = SoftmaxCrossEntropy.Forward(z1, Node.Constant(x.T.ToTensor(backend)));
            fused.Backward();

            // LogSoftmax, then pick column yᵢ of each row: L = −1/n Σᵢ Σⱼ tᵢⱼ log pᵢⱼ, whose gradient on log p is −T/n.
            var z2 = Node.Leaf(x.Z.ToTensor(backend));
            var logP = LogSoftmax.Forward(z2);
            double picked = -logP.Value.ToArray().Zip(x.T.Values, (a, b) => a * b).Sum() / n;
            logP.Backward(Tensor.FromArray(x.T.Values.Select(t => -t / n).ToArray(), x.T.Rows, x.T.Columns, backend));

            Assert.That(fused.Value.Item(), Is.EqualTo(picked).Within(1e-12), $"value at z={x.Z}, t={x.T}");
            Assert.That(z1.Grad!.ToArray(), Is.EqualTo(z2.Grad!.ToArray()).Within(1e-12), $"gradient at z={x.Z}, t={x.T}");
        });
    }

    [Test]
    public void ForwardBackward_RandomLogits_EqualSoftmaxThenCategoricalCrossEntropy()
    {
        Properties.Check("softmax_cross_entropy = cce(softmax)", Cases(5), x =>
        {
            var backend = ReferenceBackend.Instance;
            var z1 = Node.Leaf(x.Z.ToTensor(backend));
            var fused = SoftmaxCrossEntropy.Forward(z1, Node.Constant(x.T.ToTensor(backend)));
            fused.Backward();
            var z2 = Node.Leaf(x.Z.ToTensor(backend));
            var composed = CategoricalCrossEntropy.Forward(Softmax.Forward(z2), Node.Constant(x.T.ToTensor(backend)));
            composed.Backward();
            Assert.That(fused.Value.Item(), Is.EqualTo(composed.Value.Item()).Within(1e-12), $"value at z={x.Z}, t={x.T}");
            Assert.That(z1.Grad!.ToArray(), Is.EqualTo(z2.Grad!.ToArray()).Within(1e-12), $"gradient at z={x.Z}, t={x.T}");
        });
    }

    [Test]
    public void ForwardBackward_LogitsOfThousand_StayFinite()
    {
        var z = Node.Leaf(Tensor.FromRows([[1000, -1000], [-1000, 1000]]));
        var loss = SoftmaxCrossEntropy.Forward(z, Node.Constant(Tensor.FromRows([[0, 1], [0, 1]])));
        loss.Backward();
        Assert.That(loss.Value.Item(), Is.EqualTo(1000).Within(1e-9), "row losses 2000 and 0, mean 1000");
        Assert.That(z.Grad!.ToArray(), Is.EqualTo(new[] { 0.5, -0.5, 0, 0 }).Within(1e-12));
    }

    [Test]
    public void Forward_ShapesDiffer_ThrowsNamingBothShapes()
    {
        var ex = Assert.Throws<ArgumentException>(() => SoftmaxCrossEntropy.Forward(Node.Leaf(Tensor.Zeros(2, 3)), Node.Constant(Tensor.Zeros(2, 2))));
        Assert.That(ex!.Message, Does.Contain("softmax_cross_entropy").And.Contain("(2, 3)").And.Contain("(2, 2)"));
    }
}
