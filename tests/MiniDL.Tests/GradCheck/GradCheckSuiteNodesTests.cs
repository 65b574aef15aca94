using MiniDL.GradCheck;
using MiniDL.Tests.TestSupport;

namespace MiniDL.Tests.GradCheck;

/// <summary>The node cases of the gradient-check suite (GradCheckSuite.Nodes.cs): every node is registered and passes.</summary>
[TestFixture]
public class GradCheckSuiteNodesTests
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

    [TestCaseSource(typeof(TestBackends), nameof(TestBackends.Float64))]
    public void NodeCases_EveryNode_PassesGradientCheck(string backendName)
    {
        var backend = TestBackends.Get(backendName);
        var rng = new Random(7);
        var cases = GradCheckSuite.All().Where(c => NodeCases.Contains(c.Name)).ToList();
        Assert.That(cases.Select(c => c.Name), Is.EquivalentTo(NodeCases), "every node is registered once");
        foreach (var c in cases)
        {
            var report = GradientChecker.Check(c.Name, c.Function, c.MakeInputs(backend, rng), constantInputs: c.ConstantInputs);
            Assert.That(report.Passed, Is.True, report.ToString());
            Assert.That(report.Band, Is.EqualTo(ErrorBand.Good).Or.EqualTo(ErrorBand.Acceptable), report.ToString());
        }
    }
}
