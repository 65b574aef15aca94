using MiniDL.GradCheck;
using MiniDL.Layers;
using MiniDL.Optimizers;

namespace MiniDL.Porting;

/// <summary>
/// Computes the golden cases on the float64 reference backend: every case of <see cref="GradCheckSuite"/> (inputs drawn
/// exactly as <c>minidl gradcheck</c> draws them) with its forward output and the gradients of <c>J = Σ R ⊙ y</c> for a
/// fixed upstream gradient R, and one case per optimizer (three steps from fixed weights and gradients).
/// </summary>
public static class GoldenExport
{
    /// <summary>The seed of the inputs (the gradient check's default).</summary>
    public const int DefaultSeed = 7;

    /// <summary>The seed of the upstream gradients R (uniform in [−1, 1]).</summary>
    public const int UpstreamSeed = 12345;

    private static readonly HashSet<string> ActivationNames =
        ["sigmoid", "tanh", "relu", "leaky_relu", "elu", "elu(alpha=0.5)", "softmax", "log_softmax", "maxout(k=3)"];

    /// <summary>Every golden case, in a stable order: nodes, activations, losses, then optimizer steps.</summary>
    /// <param name="seed">The seed of the inputs.</param>
    /// <returns>The cases.</returns>
    public static IReadOnlyList<GoldenCase> All(int seed = DefaultSeed)
    {
        var backend = ReferenceBackend.Instance;
        var rng = new Random(seed);
        var upstreamRng = new Random(UpstreamSeed);
        var cases = new List<GoldenCase>();
        foreach (var c in GradCheckSuite.All())
        {
            cases.Add(FromGradCheckCase(c, c.MakeInputs(backend, rng), upstreamRng));
        }

        cases.AddRange(OptimizerCases(new Random(seed + 1)));
        return cases;
    }

    /// <summary>Runs one gradient-check case forward and backward with an upstream gradient drawn from <paramref name="upstreamRng"/>.</summary>
    /// <param name="c">The case.</param>
    /// <param name="inputs">Its inputs (on the reference backend).</param>
    /// <param name="upstreamRng">The source of R.</param>
    /// <returns>The golden case.</returns>
    public static GoldenCase FromGradCheckCase(GradCheckCase c, Tensor[] inputs, Random upstreamRng)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(upstreamRng);
        var constants = c.ConstantInputs ?? new HashSet<int>();
        var leaves = inputs.Select((t, k) => Node.Leaf(Tensor.FromArray(t.ToArray(), t.Rows, t.Columns, ReferenceBackend.Instance), $"x{k}", requiresGrad: !constants.Contains(k))).ToArray();
        var y = c.Function(leaves);
        var r = new double[y.Value.Length];
        for (int i = 0; i < r.Length; i++)
        {
            r[i] = upstreamRng.NextDouble() * 2 - 1;
        }

        y.Backward(Tensor.FromArray(r, y.Rows, y.Columns, ReferenceBackend.Instance));
        var kind = KindOf(c.Name, constants, y);
        return new GoldenCase(
            c.Name,
            kind,
            inputs.Select((t, k) => Array($"x{k}", t)).ToList(),
            constants.Order().Select(k => $"x{k}").ToList(),
            new Dictionary<string, double>(),
            new GoldenArray("dy", [y.Rows, y.Columns], r),
            [Array("y", y.Value)],
            leaves.Select((l, k) => (l, k)).Where(p => !constants.Contains(p.k))
                .Select(p => p.l.Grad is { } g ? Array($"x{p.k}", g) : new GoldenArray($"x{p.k}", [p.l.Rows, p.l.Columns], new double[p.l.Value.Length]))
                .ToList());
    }

    /// <summary>
    /// "loss" for a function of a prediction x0 and a constant target x1 with a 1×1 value (a constant input alone does
    /// not make a loss: the bias trick's [x, 1] is constant), "activation" for the named activations, else "node".
    /// </summary>
    private static string KindOf(string name, IReadOnlySet<int> constants, Node y)
        => constants.SetEquals([1]) && y.Rows == 1 && y.Columns == 1 ? "loss" : ActivationNames.Contains(name) ? "activation" : "node";

    /// <summary>
    /// One case per optimizer: weights w0 (3×4) and gradients g1, g2, g3; outputs w1, w2, w3, the weights after each
    /// step (step t uses g_t). Attributes hold lr and the optimizer's constants.
    /// </summary>
    /// <param name="rng">The source of w0 and the gradients.</param>
    /// <returns>The cases: sgd, momentum, nesterov, adam.</returns>
    public static IEnumerable<GoldenCase> OptimizerCases(Random rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        var b = ReferenceBackend.Instance;
        var w0 = GradCheckSuite.Uniform(b, rng, 3, 4).ToArray();
        var grads = Enumerable.Range(0, 3).Select(_ => GradCheckSuite.Uniform(b, rng, 3, 4).ToArray()).ToArray();
        yield return Steps("sgd", w0, grads, p => new Sgd(p, 0.1), new() { ["lr"] = 0.1 });
        yield return Steps("momentum", w0, grads, p => new Momentum(p, 0.1, 0.9), new() { ["lr"] = 0.1, ["beta"] = 0.9 });
        yield return Steps("nesterov", w0, grads, p => new Nesterov(p, 0.1, 0.9), new() { ["lr"] = 0.1, ["beta"] = 0.9 });
        yield return Steps("adam", w0, grads, p => new Adam(p, 0.01, 0.9, 0.999, 1e-8),
            new() { ["lr"] = 0.01, ["beta1"] = 0.9, ["beta2"] = 0.999, ["epsilon"] = 1e-8 });
    }

    private static GoldenCase Steps(string name, double[] w0, double[][] grads, Func<Parameter[], Optimizer> make, Dictionary<string, double> attributes)
    {
        var b = ReferenceBackend.Instance;
        var p = new Parameter("w", Tensor.FromArray(w0, 3, 4, b));
        var optimizer = make([p]);
        var outputs = new List<GoldenArray>();
        for (int t = 0; t < grads.Length; t++)
        {
            optimizer.ZeroGrad();
            p.Node.Backward(Tensor.FromArray(grads[t], 3, 4, b));
            optimizer.Step();
            outputs.Add(Array($"w{t + 1}", p.Value));
        }

        var inputs = new List<GoldenArray> { new("w0", [3, 4], w0) };
        inputs.AddRange(grads.Select((g, t) => new GoldenArray($"g{t + 1}", [3, 4], g)));
        return new GoldenCase(name, "optimizer", inputs, inputs.Select(a => a.Name).ToList(), attributes, null, outputs, []);
    }

    private static GoldenArray Array(string name, Tensor t) => new(name, [t.Rows, t.Columns], t.ToArray());
}
