namespace MiniDL.Tests.Autograd.Nodes;

public class CopyTests
{
    private static readonly FsCheck.Gen<(MatrixCase X, MatrixCase Seed)> PointAndSeed =
        from r in Generators.Dimension
        from c in Generators.Dimension
        from x in Generators.Matrix(r, c, Generators.Value(-2, 2))
        from s in Generators.Matrix(r, c, Generators.Value(-1, 1))
        select (x, s);

    [TestCaseSource(typeof(TestBackends), nameof(TestBackends.Float64))]
    public void Backward_RandomShapes_MatchesCentralDifferences(string backendName)
        => GraphCases.Copy.CheckGradients(backendName);

    [Test]
    public void Forward_ThreeCopies_EachHoldsX()
    {
        var x = NodeGradients.Leaf(2, 2, 1, -2, 3, 4);
        var copies = Copy.Forward(x, 3);
        Assert.That(copies, Has.Length.EqualTo(3));
        foreach (var y in copies)
        {
            Assert.That(y.Value.ToArray(), Is.EqualTo(new double[] { 1, -2, 3, 4 }));
            Assert.That(y.Inputs, Is.EqualTo(new[] { x }));
            Assert.That(y.Value.Storage, Is.Not.SameAs(x.Value.Storage), "a copy has its own buffer");
        }
    }

    [Test]
    public void Backward_ThreeCopies_SumsTheirGradients()
    {
        // Lecture 7: ∇X = Σₖ ∇Yₖ. With J = Σ Y₁ + 2 Σ Y₂ + 3 Σ Y₃, ∇Yₖ = k everywhere, so ∇X = 1 + 2 + 3 = 6.
        var x = NodeGradients.Leaf(1, 3, 1, 2, 3);
        var y = Copy.Forward(x, 3);
        var j = Add.Forward(
            Add.Forward(Sum.Forward(y[0]), Sum.Forward(MultiplyConstant.Forward(y[1], 2))),
            Sum.Forward(MultiplyConstant.Forward(y[2], 3)));
        j.Backward();
        Assert.That(x.Grad!.ToArray(), Is.EqualTo(new double[] { 6, 6, 6 }));
    }

    [TestCaseSource(typeof(TestBackends), nameof(TestBackends.Float64))]
    public void CopyRule_MultiplyUsingXTwice_EqualsExplicitCopyExactly(string backendName)
    {
        var backend = TestBackends.Get(backendName);
        Properties.Check("copy rule (multiply)", PointAndSeed, c =>
        {
            var implicitGrad = GradientOf(backend, c.X, c.Seed, x => Multiply.Forward(x, x));
            var explicitGrad = GradientOf(backend, c.X, c.Seed, x =>
            {
                var y = Copy.Forward(x, 2);
                return Multiply.Forward(y[0], y[1]);
            });
            Assert.That(implicitGrad, Is.EqualTo(explicitGrad), $"copy rule: multiply(x, x) vs copy then multiply, X={c.X}, seed={c.Seed}");
        });
    }

    [TestCaseSource(typeof(TestBackends), nameof(TestBackends.Float64))]
    public void CopyRule_AddUsingXTwice_EqualsExplicitCopyExactly(string backendName)
    {
        var backend = TestBackends.Get(backendName);
        Properties.Check("copy rule (add)", PointAndSeed, c =>
        {
            var implicitGrad = GradientOf(backend, c.X, c.Seed, x => Add.Forward(x, x));
            var explicitGrad = GradientOf(backend, c.X, c.Seed, x =>
            {
                var y = Copy.Forward(x, 2);
                return Add.Forward(y[0], y[1]);
            });
            Assert.That(implicitGrad, Is.EqualTo(explicitGrad), $"copy rule: add(x, x) vs copy then add, X={c.X}, seed={c.Seed}");
            Assert.That(implicitGrad, Is.EqualTo(c.Seed.Values.Select(s => 2 * s).ToArray()), $"add(x, x): ∇X = 2∇Y, X={c.X}");
        });
    }

    [Test]
    public void Forward_ZeroCopies_ThrowsNamingCopy()
    {
        var ex = Assert.Throws<ArgumentException>(() => Copy.Forward(Node.Leaf(Tensor.Zeros(2, 3)), 0));
        Assert.That(ex!.Message, Does.Contain("copy").And.Contain("(2, 3)"));
    }

    private static double[] GradientOf(MiniDL.Backends.IBackend backend, MatrixCase x, MatrixCase seed, Func<Node, Node> f)
    {
        var leaf = Node.Leaf(x.ToTensor(backend));
        f(leaf).Backward(seed.ToTensor(backend));
        return leaf.Grad!.ToArray();
    }
}
