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

    [Test]
    public void Backward_TiedPieces_GradientGoesToFirstPiece()
    {
        // Two identical pieces: every output is a tie, so the whole gradient goes to piece 1.
        var x = Node.Leaf(Tensor.FromRows([[1, 2]]));
        var w1 = Node.Leaf(Tensor.FromRows([[1], [1]]));
        var w2 = Node.Leaf(Tensor.FromRows([[1], [1]]));
        var b1 = Node.Leaf(Tensor.FromRows([[0.5]]));
        var b2 = Node.Leaf(Tensor.FromRows([[0.5]]));
        var y = Maxout.Forward(x, [w1, w2], [b1, b2]);
        y.Backward(Tensor.FromRows([[3]]));
        Assert.That(y.Value.Item(), Is.EqualTo(3.5));
        Assert.That(w1.Grad!.ToArray(), Is.EqualTo(new double[] { 3, 6 }), "first piece: ∇W₁ = xᵀ ∇Y");
        Assert.That(b1.Grad!.ToArray(), Is.EqualTo(new double[] { 3 }));
        Assert.That(w2.Grad?.ToArray() ?? new double[2], Is.EqualTo(new double[] { 0, 0 }), "second piece gets nothing on a tie");
        Assert.That(b2.Grad?.ToArray() ?? new double[1], Is.EqualTo(new double[] { 0 }));
        Assert.That(x.Grad!.ToArray(), Is.EqualTo(new double[] { 3, 3 }), "∇X = ∇Y W₁ᵀ, counted once");
    }

    [Test]
    public void Backward_SecondPieceWins_GradientGoesOnlyToIt()
    {
        var x = Node.Leaf(Tensor.FromRows([[1, 2]]));
        var w1 = Node.Leaf(Tensor.FromRows([[1], [0]]));
        var w2 = Node.Leaf(Tensor.FromRows([[0], [1]]));
        var b = Node.Constant(Tensor.FromRows([[0]]));
        var y = Maxout.Forward(x, [w1, w2], [b, b]);
        y.Backward(Tensor.FromRows([[1]]));
        Assert.That(y.Value.Item(), Is.EqualTo(2));
        Assert.That(w1.Grad?.ToArray() ?? new double[2], Is.EqualTo(new double[] { 0, 0 }));
        Assert.That(w2.Grad!.ToArray(), Is.EqualTo(new double[] { 1, 2 }));
        Assert.That(x.Grad!.ToArray(), Is.EqualTo(new double[] { 0, 1 }));
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
}
