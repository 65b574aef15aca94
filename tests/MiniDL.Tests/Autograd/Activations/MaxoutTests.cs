namespace MiniDL.Tests.Autograd.Activations;

public class MaxoutTests
{
    private static Gen<GraphCases.MaxoutPieces> KinkFreeCases => GraphCases.MaxoutPoints;

    [TestCaseSource(typeof(TestBackends), nameof(TestBackends.Float64))]
    public void Backward_RandomShapesAndPiecesWithoutTies_MatchesCentralDifferences(string backendName) => GraphCases.Maxout.CheckGradients(backendName);

    [Test]
    public void Forward_RandomPieces_IsElementWiseMaxOfLinearPieces()
    {
        Properties.Check("maxout forward", KinkFreeCases, c =>
        {
            var backend = ReferenceBackend.Instance;
            int n = c.X.Rows, d = c.X.Columns, m = c.W[0].Columns;
            var y = Maxout.Forward(
                Node.Leaf(c.X.ToTensor(backend)),
                c.W.Select(w => Node.Leaf(w.ToTensor(backend))).ToArray(),
                c.B.Select(b => Node.Leaf(b.ToTensor(backend))).ToArray()).Value.ToArray();
            for (int i = 0; i < n; i++)
            {
                for (int j = 0; j < m; j++)
                {
                    double expected = double.NegativeInfinity;
                    for (int k = 0; k < c.W.Length; k++)
                    {
                        double z = c.B[k].Values[j];
                        for (int p = 0; p < d; p++)
                        {
                            z += c.X.Values[i * d + p] * c.W[k].Values[p * m + j];
                        }

                        expected = Math.Max(expected, z);
                    }

                    Assert.That(y[i * m + j], Is.EqualTo(expected).Within(1e-12), $"maxout Y[{i},{j}] at {c}");
                }
            }
        });
    }

    // Two pieces on x = [1, 2] (W₁, W₂ are 2×1, both biases b), upstream gradient g: only the winning piece k gets a
    // gradient, ∇Wₖ = xᵀ g and ∇bₖ = g, and ∇X = g Wₖᵀ, counted once. Two identical pieces tie on every output: the
    // whole gradient goes to piece 1.
    [TestCase(new double[] { 1, 1 }, new double[] { 1, 1 }, 0.5, 3.0, 3.5, new double[] { 3, 6, 3 }, new double[] { 0, 0, 0 }, new double[] { 3, 3 }, TestName = "Backward_TiedPieces_GradientGoesToFirstPiece")]
    [TestCase(new double[] { 1, 0 }, new double[] { 0, 1 }, 0.0, 1.0, 2.0, new double[] { 0, 0, 0 }, new double[] { 1, 2, 1 }, new double[] { 0, 1 }, TestName = "Backward_SecondPieceWins_GradientGoesOnlyToIt")]
    public void Backward_TwoPieces_GradientGoesOnlyToTheWinner(
        double[] w1Values, double[] w2Values, double bias, double upstream, double expectedY, double[] expectedGradW1AndB1, double[] expectedGradW2AndB2, double[] expectedGradX)
    {
        var x = Node.Leaf(Tensor.FromRows([[1, 2]]));
        var w1 = Node.Leaf(Tensor.FromArray(w1Values, 2, 1));
        var w2 = Node.Leaf(Tensor.FromArray(w2Values, 2, 1));
        var b1 = Node.Leaf(Tensor.FromRows([[bias]]));
        var b2 = Node.Leaf(Tensor.FromRows([[bias]]));
        var y = Maxout.Forward(x, [w1, w2], [b1, b2]);
        y.Backward(Tensor.FromRows([[upstream]]));
        Assert.Multiple(() =>
        {
            Assert.That(y.Value.Item(), Is.EqualTo(expectedY));
            Assert.That(GradientOf(w1, 2).Concat(GradientOf(b1, 1)), Is.EqualTo(expectedGradW1AndB1), "piece 1: ∇W₁ = xᵀ g, ∇b₁ = g if it wins, else nothing");
            Assert.That(GradientOf(w2, 2).Concat(GradientOf(b2, 1)), Is.EqualTo(expectedGradW2AndB2), "piece 2: ∇W₂ = xᵀ g, ∇b₂ = g if it wins, else nothing");
            Assert.That(x.Grad!.ToArray(), Is.EqualTo(expectedGradX), "∇X = g Wₖᵀ of the winner, counted once");
        });
    }

    [Test]
    public void Forward_WeightShapesDiffer_ThrowsNamingShapes()
    {
        var x = Node.Leaf(Tensor.Zeros(2, 3));
        var ex = Assert.Throws<ArgumentException>(() => Maxout.Forward(
            x, [Node.Leaf(Tensor.Zeros(3, 4)), Node.Leaf(Tensor.Zeros(2, 4))], [Node.Leaf(Tensor.Zeros(1, 4)), Node.Leaf(Tensor.Zeros(1, 4))]));
        Assert.That(ex!.Message, Does.Contain("maxout").And.Contain("(2, 3)").And.Contain("(2, 4)"));
    }

    [Test]
    public void Forward_BiasCountDiffers_Throws()
    {
        var x = Node.Leaf(Tensor.Zeros(2, 3));
        var ex = Assert.Throws<ArgumentException>(() => Maxout.Forward(x, [Node.Leaf(Tensor.Zeros(3, 4))], []));
        Assert.That(ex!.Message, Does.Contain("maxout").And.Contain("(2, 3)"));
    }

    [Test]
    public void Forward_BiasWrongWidth_ThrowsNamingShapes()
    {
        var x = Node.Leaf(Tensor.Zeros(2, 3));
        var ex = Assert.Throws<ArgumentException>(() => Maxout.Forward(x, [Node.Leaf(Tensor.Zeros(3, 4))], [Node.Leaf(Tensor.Zeros(1, 5))]));
        Assert.That(ex!.Message, Does.Contain("maxout").And.Contain("(1, 5)").And.Contain("(2, 4)"));
    }

    /// <summary>A leaf's gradient, or zeros where no gradient reached it.</summary>
    private static double[] GradientOf(Node leaf, int length) => leaf.Grad?.ToArray() ?? new double[length];
}
