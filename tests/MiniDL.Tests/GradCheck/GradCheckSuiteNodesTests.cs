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
        => SuiteCases.AssertRegisteredAndPassing(backendName, NodeCases, "every node is registered once");
}
