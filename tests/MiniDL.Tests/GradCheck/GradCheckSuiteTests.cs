namespace MiniDL.Tests.GradCheck;

/// <summary>
/// The node cases (GradCheckSuite.Nodes.cs) and the lecture-concept cases (penalties, skip connection, bias trick,
/// summed CCE) of the gradient-check suite: each is registered once and passes the gradient check.
/// </summary>
[TestFixture]
public class GradCheckSuiteTests
{
    private static readonly string[] NodeCases =
    [
        "copy", "add", "transpose", "multiply", "add_bias", "matmul",
        "negate", "exp", "add_constant", "multiply_constant", "reciprocal",
        "subtract", "divide", "log", "square", "sqrt", "abs", "pow_constant",
        "sum", "mean", "column_sums", "row_sums",
        "row_broadcast(multiply)", "row_broadcast(divide)", "column_broadcast(subtract)", "column_broadcast(divide)",
        "maximum",
    ];

    private static readonly string[] ConceptCases =
    [
        "l1_penalty", "l2_penalty", "elastic_net_penalty", "residual(tanh(xW + b))", "bias_trick([x, 1]·[W; b])", "cce(sum)",
    ];

    private static IEnumerable<TestCaseData> GroupsOnFloat64Backends
        => from g in new[]
           {
               (Test: "NodeCases_EveryNode_PassesGradientCheck", Names: NodeCases, Registered: "every node is registered once"),
               (Test: "ConceptCases_Every_IsRegisteredAndPassesGradientCheck", Names: ConceptCases, Registered: "every concept is registered once"),
           }
           from backend in TestBackends.Float64
           select new TestCaseData(g.Names, g.Registered, backend).SetName($"{g.Test}(\"{backend}\")");

    /// <summary>The suite holds each named case once, and each passes the gradient check with a good or acceptable error.</summary>
    [TestCaseSource(nameof(GroupsOnFloat64Backends))]
    public void Cases_EveryOneOfTheGroup_IsRegisteredAndPassesGradientCheck(string[] names, string registeredMessage, string backendName)
    {
        var backend = TestBackends.Get(backendName);
        var rng = new Random(7);
        var cases = GradCheckSuite.All().Where(c => names.Contains(c.Name)).ToList();
        Assert.That(cases.Select(c => c.Name), Is.EquivalentTo(names), registeredMessage);
        foreach (var c in cases)
        {
            var report = GradientChecker.Check(c.Name, c.Function, c.MakeInputs(backend, rng), constantInputs: c.ConstantInputs);
            Assert.That(report.Passed, Is.True, report.ToString());
            Assert.That(report.Band, Is.EqualTo(ErrorBand.Good).Or.EqualTo(ErrorBand.Acceptable), report.ToString());
        }
    }
}
