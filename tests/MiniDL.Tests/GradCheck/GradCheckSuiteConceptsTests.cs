using MiniDL.GradCheck;
using MiniDL.Tests.TestSupport;

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
    {
        var backend = TestBackends.Get(backendName);
        var rng = new Random(7);
        var cases = GradCheckSuite.All().Where(c => ConceptCases.Contains(c.Name)).ToList();
        Assert.That(cases.Select(c => c.Name), Is.EquivalentTo(ConceptCases), "every concept is registered once");
        foreach (var c in cases)
        {
            var report = GradientChecker.Check(c.Name, c.Function, c.MakeInputs(backend, rng), constantInputs: c.ConstantInputs);
            Assert.That(report.Passed, Is.True, report.ToString());
        }
    }
}
