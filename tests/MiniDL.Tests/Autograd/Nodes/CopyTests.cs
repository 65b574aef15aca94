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
    public void Backward_RandomShapes_MatchesCentralDifferences(string backendName) => GraphCases.Copy.CheckGradients(backendName);

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
        => CheckUsingXTwiceEqualsExplicitCopy(backendName, "multiply", Multiply.Forward);

    [TestCaseSource(typeof(TestBackends), nameof(TestBackends.Float64))]
    public void CopyRule_AddUsingXTwice_EqualsExplicitCopyExactly(string backendName)
        => CheckUsingXTwiceEqualsExplicitCopy(backendName, "add", Add.Forward, c => Assert.That(
            GradientOf(TestBackends.Get(backendName), c.X, c.Seed, x => Add.Forward(x, x)),
            Is.EqualTo(c.Seed.Values.Select(s => 2 * s).ToArray()),
            $"add(x, x): ∇X = 2∇Y, X={c.X}"));

    [Test]
    public void Forward_ZeroCopies_ThrowsNamingCopy()
    {
        var ex = Assert.Throws<ArgumentException>(() => Copy.Forward(Node.Leaf(Tensor.Zeros(2, 3)), 0));
        Assert.That(ex!.Message, Does.Contain("copy").And.Contain("(2, 3)"));
    }

    /// <summary>op(x, x) against copy-then-op, exactly, on random points and upstream gradients; then <paramref name="also"/>.</summary>
    private static void CheckUsingXTwiceEqualsExplicitCopy(string backendName, string op, Func<Node, Node, Node> forward, Action<(MatrixCase X, MatrixCase Seed)>? also = null)
    {
        var backend = TestBackends.Get(backendName);
        Properties.Check($"copy rule ({op})", PointAndSeed, c =>
        {
            var implicitGrad = GradientOf(backend, c.X, c.Seed, x => forward(x, x));
            var explicitGrad = GradientOf(backend, c.X, c.Seed, x =>
            {
                var y = Copy.Forward(x, 2);
                return forward(y[0], y[1]);
            });
            Assert.That(implicitGrad, Is.EqualTo(explicitGrad), $"copy rule: {op}(x, x) vs copy then {op}, X={c.X}, seed={c.Seed}");
            also?.Invoke(c);
        });
    }

    private static double[] GradientOf(MiniDL.Backends.IBackend backend, MatrixCase x, MatrixCase seed, Func<Node, Node> f)
    {
        var leaf = Node.Leaf(x.ToTensor(backend));
        f(leaf).Backward(seed.ToTensor(backend));
        return leaf.Grad!.ToArray();
    }
}
