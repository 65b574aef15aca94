namespace MiniDL.Tests.GradCheck;

/// <summary>The check the gradient-check suite's fixtures make on their group of cases.</summary>
internal static class SuiteCases
{
    /// <summary>
    /// The suite holds each of <paramref name="names"/> once, and on the backend each passes the gradient check with a
    /// good or acceptable error.
    /// </summary>
    public static void AssertRegisteredAndPassing(string backendName, string[] names, string registeredMessage)
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
