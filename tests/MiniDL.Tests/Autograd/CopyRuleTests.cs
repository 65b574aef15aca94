namespace MiniDL.Tests.Autograd;

/// <summary>
/// Lecture 7's copy rule for every node, activation and loss on every backend: a value used by several nodes receives
/// the sum of their gradients, so each backward rule must add into its inputs' gradients (<c>+=</c>, GEMM with β = 1),
/// never overwrite them. The Copy node states the rule; these tests hold every node that implements it to it.
/// </summary>
public class CopyRuleTests
{
    private static IEnumerable<TestCaseData> BackendsAndCases()
        => from backend in TestBackends.All
           from c in GraphCases.All
           select new TestCaseData(backend, c).SetArgDisplayNames(backend, c.Name);

    [TestCaseSource(nameof(BackendsAndCases))]
    public void Backward_InputUsedTwice_ReceivesTwiceTheGradient(string backendName, GraphCase graph)
        => graph.CheckCopyRule(backendName);
}
