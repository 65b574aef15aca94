namespace MiniDL.Tests.TestSupport;

/// <summary>
/// One drawn point of a <see cref="GraphCase"/>: the input matrices and the function of their leaves, which may close
/// over drawn parameters (ELU's α, a loss's reduction); <paramref name="Parameters"/> names those for a failure report.
/// </summary>
public sealed record GraphPoint(MatrixCase[] Inputs, Func<Node[], Node> Function, string Parameters = "")
{
    /// <inheritdoc/>
    public override string ToString() => string.Join("; ", Inputs.Select(i => i.ToString())) + Parameters;
}

/// <summary>
/// A node, activation or loss under test: its name, a bounded kink-free generator of points, and which inputs are
/// constants (a loss's targets). Two properties run on it: the gradient check (backpropagation against central
/// differences) and lecture 7's copy rule (a value used by several nodes receives the sum of their gradients).
/// </summary>
public sealed record GraphCase(string Name, Gen<GraphPoint> Points, params int[] Constants)
{
    /// <summary>The name, which is what NUnit shows for a test case.</summary>
    public override string ToString() => Name;

    /// <summary>
    /// The gradient property: for every drawn point, backpropagation agrees with central differences
    /// (<see cref="GradientChecker"/>). A failure names the node, the shapes (in the report) and the inputs.
    /// </summary>
    public void CheckGradients(string backendName, int cases = 100) => CheckGradients(TestBackends.Get(backendName), cases);

    /// <inheritdoc cref="CheckGradients(string, int)"/>
    public void CheckGradients(IBackend backend, int cases = 100)
    {
        Properties.Check($"{Name} gradient", Points, p =>
        {
            var report = GradientChecker.Check(Name, p.Function, p.Inputs.Select(i => i.ToTensor(backend)).ToArray(), constantInputs: Constants.ToHashSet());
            Assert.That(report.Passed, Is.True, $"{report} at inputs {p}");
        }, cases);
    }

    /// <summary>
    /// Lecture 7's copy rule as a property: the graph built twice on the same leaves, <c>Y = f(X) + f(X)</c>, gives
    /// every leaf twice the gradient of <c>f(X)</c> alone — the backward rules of both uses add into the leaf
    /// (<c>+=</c>); a rule that overwrote (<c>=</c>, or a GEMM with β = 0) would leave the gradient of one use.
    /// </summary>
    public void CheckCopyRule(string backendName, int cases = 25)
    {
        var backend = TestBackends.Get(backendName);
        double tolerance = backend.DType == DType.Float32 ? 1e-5 : 1e-12;
        Properties.Check($"{Name} copy rule", Points, p =>
        {
            var once = LeafGradients(backend, p, uses: 1);
            var twice = LeafGradients(backend, p, uses: 2);
            for (int k = 0; k < once.Length; k++)
            {
                if (!Constants.Contains(k))
                {
                    var expected = once[k].Select(g => 2 * g).ToArray();
                    double scale = 1 + expected.Select(Math.Abs).DefaultIfEmpty(0).Max();
                    Assert.That(twice[k], Is.EqualTo(expected).Within(tolerance * scale), $"{Name} used twice: ∇ of input {k} at inputs {p}");
                }
            }
        }, cases);
    }

    /// <summary>The leaves' gradients after backpropagating a fixed upstream gradient through f(X) + … (uses terms).</summary>
    private double[][] LeafGradients(IBackend backend, GraphPoint p, int uses)
    {
        var leaves = p.Inputs
            .Select((m, k) => Constants.Contains(k) ? Node.Constant(m.ToTensor(backend)) : Node.Leaf(m.ToTensor(backend)))
            .ToArray();
        var y = p.Function(leaves);
        for (int u = 1; u < uses; u++)
        {
            y = Add.Forward(y, p.Function(leaves));
        }

        var rng = new Random(7);
        var seed = Enumerable.Range(0, y.Rows * y.Columns).Select(_ => (rng.NextDouble() * 2) - 1).ToArray();
        y.Backward(Tensor.FromArray(seed, y.Rows, y.Columns, backend));
        return leaves.Select(l => l.Grad?.ToArray() ?? new double[l.Rows * l.Columns]).ToArray();
    }
}
