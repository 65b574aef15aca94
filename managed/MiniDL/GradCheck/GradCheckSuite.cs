namespace MiniDL.GradCheck;

/// <summary>One entry of the gradient-check suite: a function of some inputs and how to draw the inputs.</summary>
/// <param name="Name">The node, activation or loss checked, e.g. "matmul".</param>
/// <param name="Function">Builds the graph from leaves (one per input).</param>
/// <param name="MakeInputs">Draws inputs on a backend from a seeded random source.</param>
/// <param name="ConstantInputs">Indices of inputs that take no gradient (targets).</param>
public sealed record GradCheckCase(
    string Name,
    Func<Node[], Node> Function,
    Func<IBackend, Random, Tensor[]> MakeInputs,
    IReadOnlySet<int>? ConstantInputs = null);

/// <summary>
/// Every node, activation and loss of MiniDL, and the lecture concepts built from them (penalties, skip connection, bias trick), with a generator of valid, kink-free inputs; <c>minidl gradcheck</c>
/// runs them all. Each area adds its cases in its own partial file (GradCheckSuite.*.cs).
/// </summary>
public static partial class GradCheckSuite
{
    /// <summary>All cases, in a stable order.</summary>
    public static IReadOnlyList<GradCheckCase> All()
    {
        var cases = new List<GradCheckCase>();
        AddNodes(cases);
        AddActivations(cases);
        AddLosses(cases);
        AddConcepts(cases);
        return cases;
    }

    /// <summary>Runs every case on <paramref name="backend"/> with inputs drawn from <paramref name="seed"/>.</summary>
    public static IEnumerable<GradCheckReport> Run(IBackend backend, int seed = 7, GradCheckOptions? options = null)
    {
        var rng = new Random(seed);
        foreach (var c in All())
        {
            yield return GradientChecker.Check(c.Name, c.Function, c.MakeInputs(backend, rng), options, constantInputs: c.ConstantInputs);
        }
    }

    /// <summary>A rows × columns matrix with values uniform in [lo, hi].</summary>
    public static Tensor Uniform(IBackend backend, Random rng, int rows, int columns, double lo = -2, double hi = 2)
    {
        var v = new double[rows * columns];
        for (int i = 0; i < v.Length; i++)
        {
            v[i] = lo + (hi - lo) * rng.NextDouble();
        }

        return Tensor.FromArray(v, rows, columns, backend);
    }

    /// <summary>A rows × columns matrix with values uniform in ±[gap, hi] (kept away from a kink at 0).</summary>
    public static Tensor AwayFromZero(IBackend backend, Random rng, int rows, int columns, double gap = 0.1, double hi = 2)
    {
        var v = new double[rows * columns];
        for (int i = 0; i < v.Length; i++)
        {
            double m = gap + (hi - gap) * rng.NextDouble();
            v[i] = rng.Next(2) == 0 ? -m : m;
        }

        return Tensor.FromArray(v, rows, columns, backend);
    }

    /// <summary>One-hot rows: row i has a 1 in a random column.</summary>
    public static Tensor OneHot(IBackend backend, Random rng, int rows, int classes)
    {
        var v = new double[rows * classes];
        for (int i = 0; i < rows; i++)
        {
            v[i * classes + rng.Next(classes)] = 1;
        }

        return Tensor.FromArray(v, rows, classes, backend);
    }

    static partial void AddNodes(List<GradCheckCase> cases);

    static partial void AddActivations(List<GradCheckCase> cases);

    static partial void AddLosses(List<GradCheckCase> cases);

    static partial void AddConcepts(List<GradCheckCase> cases);
}
