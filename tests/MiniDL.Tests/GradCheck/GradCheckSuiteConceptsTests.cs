namespace MiniDL.Tests.GradCheck;

/// <summary>The lecture-concept cases of the gradient-check suite: penalties, skip connection, bias trick, summed CCE.</summary>
[TestFixture]
public class GradCheckSuiteConceptsTests
{
    private static readonly string[] ConceptCases =
    [
        "l1_penalty", "l2_penalty", "elastic_net_penalty", "residual(tanh(xW + b))", "bias_trick([x, 1]·[W; b])", "cce(sum)",
    ];

    [TestCaseSource(typeof(TestBackends), nameof(TestBackends.Float64))]
    public void ConceptCases_Every_IsRegisteredAndPassesGradientCheck(string backendName)
        => SuiteCases.AssertRegisteredAndPassing(backendName, ConceptCases, "every concept is registered once");
}
