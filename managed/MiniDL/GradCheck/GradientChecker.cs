namespace MiniDL.GradCheck;

/// <summary>Options of <see cref="GradientChecker.Check"/>; the defaults are PyTorch gradcheck's tolerances.</summary>
/// <param name="Step">The finite-difference step h (about 1e-6 in float64).</param>
/// <param name="AbsoluteTolerance">atol in <c>|analytic − numeric| ≤ atol + rtol·|numeric|</c>.</param>
/// <param name="RelativeTolerance">rtol in the same rule.</param>
/// <param name="Seed">Seed of the random upstream gradient.</param>
public sealed record GradCheckOptions(double Step = 1e-6, double AbsoluteTolerance = 1e-5, double RelativeTolerance = 1e-3, int Seed = 12345);

/// <summary>
/// Gradient checking as a library feature: compares the gradient that backpropagation computes with
/// central differences of the forward pass.
/// </summary>
/// <remarks>
/// For a function <c>Y = f(X₁, …, Xₙ)</c> with any output shape, pick a random upstream gradient R (not all ones, so
/// that a backward rule that mixes up elements cannot hide) and check the scalar <c>J = Σ R ⊙ Y</c>:
/// analytic <c>∂J/∂Xₖ</c> from <see cref="Node.Backward(Tensor)"/> with seed R; numeric
/// <c>∂J/∂x ≈ (J(x + h) − J(x − h)) / 2h</c> for every element x, whose error is O(h²).
/// An element passes when <c>|analytic − numeric| ≤ atol + rtol·|numeric|</c>.
/// Run it on a float64 backend: in float32, rounding swamps the O(h²) accuracy.
/// </remarks>
public static class GradientChecker
{
    /// <summary>The smallest finite-difference step accepted on a float32 backend.</summary>
    public const double Float32MinimumStep = 1e-3;

    /// <summary>The cs231n band of a relative error.</summary>
    public static ErrorBand BandOf(double relativeError) => relativeError switch
    {
        > 1e-2 => ErrorBand.Wrong,
        > 1e-4 => ErrorBand.Uncomfortable,
        > 1e-7 => ErrorBand.Acceptable,
        _ when double.IsNaN(relativeError) => ErrorBand.Wrong,
        _ => ErrorBand.Good,
    };

    /// <summary>Checks the gradients of <paramref name="function"/> with respect to every input.</summary>
    /// <param name="name">A name for the report.</param>
    /// <param name="function">Builds the graph from leaf nodes, one per input, in order.</param>
    /// <param name="inputs">The point to check at; not modified.</param>
    /// <param name="options">Step and tolerances; null for the defaults.</param>
    /// <param name="inputNames">Names of the inputs for the report (default x0, x1, …).</param>
    /// <param name="constantInputs">Indices of inputs that take no gradient (targets, masks).</param>
    /// <exception cref="ArgumentException">The inputs live on a float32 backend and the step is below 1e-3: float32
    /// resolves about 6e-8 of a value, so <c>x ± h</c> rounds and the numeric gradient would be rounding noise.</exception>
    public static GradCheckReport Check(
        string name,
        Func<Node[], Node> function,
        IReadOnlyList<Tensor> inputs,
        GradCheckOptions? options = null,
        IReadOnlyList<string>? inputNames = null,
        IReadOnlySet<int>? constantInputs = null)
    {
        options ??= new GradCheckOptions();
        var backend = inputs.Count > 0 ? inputs[0].Backend : ReferenceBackend.Instance;
        if (backend.DType == DType.Float32 && options.Step < Float32MinimumStep)
        {
            throw new ArgumentException(
                $"gradient check '{name}': the inputs live on {backend} (float32), where x ± h with h = {options.Step:G3} " +
                "rounds and central differences give rounding noise. Check on a float64 backend " +
                "(BackendRegistry.Create(\"cpu\", DType.Float64), or the reference backend), or pass GradCheckOptions with " +
                $"Step ≥ {Float32MinimumStep:G1} and looser tolerances.", nameof(inputs));
        }

        var points = inputs.Select(t => t.ToArray()).ToArray();

        // Analytic: one backward pass with the random upstream gradient R.
        var leaves = MakeLeaves(inputs, points, backend, constantInputs);
        var output = function(leaves);
        var rng = new Random(options.Seed);
        var upstream = new double[output.Value.Length];
        for (int i = 0; i < upstream.Length; i++)
        {
            upstream[i] = rng.NextDouble() * 2 - 1;
        }

        var seed = Tensor.FromArray(upstream, output.Rows, output.Columns, backend);
        output.Backward(seed);

        var reports = new List<InputReport>();
        for (int k = 0; k < inputs.Count; k++)
        {
            if (constantInputs?.Contains(k) == true)
            {
                continue;
            }

            var analytic = leaves[k].Grad?.ToArray() ?? new double[points[k].Length];
            reports.Add(Compare(
                inputNames is not null && k < inputNames.Count ? inputNames[k] : $"x{k}",
                inputs[k].ShapeText,
                analytic,
                index => Numeric(function, inputs, points, backend, constantInputs, upstream, k, index, options.Step),
                options));
        }

        return new GradCheckReport(name, reports);
    }

    private static InputReport Compare(string input, string shape, double[] analytic, Func<int, double> numeric, GradCheckOptions o)
    {
        double maxAbs = 0, maxRel = 0, worstA = 0, worstN = 0;
        long worst = -1;
        bool passed = true;
        for (int i = 0; i < analytic.Length; i++)
        {
            double a = analytic[i], n = numeric(i);
            double abs = Math.Abs(a - n);
            double rel = abs / Math.Max(Math.Max(Math.Abs(a), Math.Abs(n)), o.AbsoluteTolerance);
            if (!(abs <= o.AbsoluteTolerance + o.RelativeTolerance * Math.Abs(n)))
            {
                passed = false;
            }

            maxAbs = Math.Max(maxAbs, abs);
            if (rel > maxRel || double.IsNaN(rel) || worst < 0)
            {
                maxRel = double.IsNaN(rel) ? double.NaN : Math.Max(maxRel, rel);
                worst = i;
                worstA = a;
                worstN = n;
            }
        }

        return new InputReport(input, shape, maxAbs, maxRel, BandOf(maxRel), passed, worst, worstA, worstN);
    }

    private static double Numeric(
        Func<Node[], Node> function, IReadOnlyList<Tensor> inputs, double[][] points, IBackend backend,
        IReadOnlySet<int>? constants, double[] upstream, int k, int index, double h)
    {
        double original = points[k][index];
        points[k][index] = original + h;
        double plus = Objective(function, inputs, points, backend, constants, upstream);
        points[k][index] = original - h;
        double minus = Objective(function, inputs, points, backend, constants, upstream);
        points[k][index] = original;
        return (plus - minus) / (2 * h);
    }

    /// <summary><c>J = Σ R ⊙ f(X)</c> at the given point (forward only).</summary>
    private static double Objective(
        Func<Node[], Node> function, IReadOnlyList<Tensor> inputs, double[][] points, IBackend backend,
        IReadOnlySet<int>? constants, double[] upstream)
    {
        var leaves = MakeLeaves(inputs, points, backend, constants);
        var y = function(leaves).Value.ToArray();
        double j = 0;
        for (int i = 0; i < y.Length; i++)
        {
            j += upstream[i] * y[i];
        }

        return j;
    }

    private static Node[] MakeLeaves(IReadOnlyList<Tensor> inputs, double[][] points, IBackend backend, IReadOnlySet<int>? constants)
    {
        var leaves = new Node[inputs.Count];
        for (int k = 0; k < inputs.Count; k++)
        {
            var t = new Tensor(backend.Allocate(inputs[k].Length), inputs[k].Rows, inputs[k].Columns, inputs[k].Rank);
            backend.Upload(points[k], t.Storage);
            leaves[k] = Node.Leaf(t, $"x{k}", requiresGrad: constants?.Contains(k) != true);
        }

        return leaves;
    }
}
