namespace MiniDL.Tests.Autograd.Losses;

public class WeightedCrossEntropyTests
{
    private static Gen<(MatrixCase Z, MatrixCase T, double[] W)> Cases => GraphCases.WeightedPoints;

    [TestCaseSource(typeof(TestBackends), nameof(TestBackends.Float64))]
    public void Backward_RandomShapesAndWeights_MatchesCentralDifferences(string backendName) => GraphCases.WeightedCrossEntropy.CheckGradients(backendName);

    [Test]
    public void Forward_RandomLogits_IsWeightedMeanOfRowLosses()
    {
        Properties.Check("weighted_cross_entropy = Σ w_y L_i / Σ w_y", Cases, x =>
        {
            var backend = ReferenceBackend.Instance;
            int n = x.Z.Rows, c = x.Z.Columns;
            double loss = WeightedCrossEntropy.Forward(Node.Leaf(x.Z.ToTensor(backend)), Node.Constant(x.T.ToTensor(backend)), Tensor.Vector(x.W)).Value.Item();
            double numerator = 0, denominator = 0;
            for (int i = 0; i < n; i++)
            {
                var row = x.Z.Values.Skip(i * c).Take(c).ToArray();
                int y = Array.IndexOf(x.T.Values, 1.0, i * c, c) - i * c;
                double logSum = Math.Log(row.Sum(Math.Exp));
                numerator += x.W[y] * (logSum - row[y]);
                denominator += x.W[y];
            }

            Assert.That(loss, Is.EqualTo(numerator / denominator).Within(1e-12), $"weighted_cross_entropy at z={x.Z}, t={x.T}");
        });
    }

    [Test]
    public void ForwardBackward_EqualWeights_EqualSoftmaxCrossEntropy()
    {
        Properties.Check("equal weights = softmax_cross_entropy", Cases, x =>
        {
            var backend = ReferenceBackend.Instance;
            var z1 = Node.Leaf(x.Z.ToTensor(backend));
            var weighted = WeightedCrossEntropy.Forward(z1, Node.Constant(x.T.ToTensor(backend)), Tensor.Vector(Enumerable.Repeat(x.W[0], x.W.Length).ToArray()));
            weighted.Backward();
            var z2 = Node.Leaf(x.Z.ToTensor(backend));
            var plain = SoftmaxCrossEntropy.Forward(z2, Node.Constant(x.T.ToTensor(backend)));
            plain.Backward();
            Assert.That(weighted.Value.Item(), Is.EqualTo(plain.Value.Item()).Within(1e-12), $"value at z={x.Z}, t={x.T}");
            Assert.That(z1.Grad!.ToArray(), Is.EqualTo(z2.Grad!.ToArray()).Within(1e-12), $"gradient at z={x.Z}, t={x.T}");
        });
    }

    [Test]
    public void Forward_WrongNumberOfWeights_ThrowsNamingShapes()
    {
        var ex = Assert.Throws<ArgumentException>(() => WeightedCrossEntropy.Forward(Node.Leaf(Tensor.Zeros(2, 3)), Node.Constant(Tensor.Zeros(2, 3)), Tensor.Vector([1.0, 2.0])));
        Assert.That(ex!.Message, Does.Contain("weighted_cross_entropy").And.Contain("(2, 3)").And.Contain("(2)"));
    }
}
