using MiniDL.Lessons;
using MiniDL.Tests.TestSupport;

namespace MiniDL.Tests.Lessons;

/// <summary>
/// Each worked example of the lectures (docs/lectures.md, "Worked examples") reproduces the lecture's numbers on
/// every backend. The expected numbers are written here again, from the lecture notes, so that a wrong constant in
/// <see cref="WorkedExamples"/> cannot pass silently.
/// </summary>
[TestFixture]
public class WorkedExamplesTests
{
    // The worked examples that run on a backend: each one's test name and the numbers as the lecture prints them.
    private static readonly (string Test, Func<IBackend, IReadOnlyList<LessonCheck>> Example, (string Quantity, double Lecture)[] Expected)[] Examples =
    [
        ("Product_LectureInputs_ReproducesLectureGradients", WorkedExamples.Product,
            [("f", -12), ("∂f/∂x", -2), ("∂f/∂y", 6)]),
        ("SumTimesZ_LectureInputs_ReproducesLectureGradients", WorkedExamples.SumTimesZ,
            [("q", 3), ("f", -12), ("∂f/∂x", -4), ("∂f/∂y", -4), ("∂f/∂z", 3)]),
        ("PyTorchDemo_LectureInputs_ReproducesPyTorchGradients", WorkedExamples.PyTorchDemo,
            [("∂f/∂x", -2), ("∂f/∂y", -2), ("∂f/∂z", 2)]),
        ("SigmoidNeuron_LectureInputs_ReproducesLectureGradients", WorkedExamples.SigmoidNeuron,
            [
                ("a6", 1.37), ("f", 0.73), ("∂f/∂a6", -0.53), ("∂f/∂a5", -0.53),
                ("∂f/∂w0", -0.20), ("∂f/∂w1", -0.39), ("∂f/∂w2", 0.20), ("∂f/∂x0", 0.39), ("∂f/∂x1", -0.59),
            ]),
        ("SoftmaxCrossEntropy_CatScores_ReproducesLectureProbabilitiesAndLoss", WorkedExamples.SoftmaxCrossEntropy,
            [
                ("exp(s_cat)", 24.5), ("exp(s_car)", 164.0), ("exp(s_frog)", 0.18),
                ("p_cat", 0.13), ("p_car", 0.87), ("p_frog", 0.00), ("L = -ln p_cat", 2.0404),
            ]),
        ("MulticlassSvm_ThreeImages_ReproducesLectureLosses", WorkedExamples.MulticlassSvm,
            [("L_1 (cat image)", 2.9), ("L_2 (car image)", 0), ("L_3 (frog image)", 12.9), ("L = mean L_i", 5.27)]),
        ("SvmVersusSoftmax_LectureWeights_ReproducesScoresAndBothLosses", WorkedExamples.SvmVersusSoftmax,
            [
                ("s_0", -2.85), ("s_1", 0.86), ("s_2", 0.28), ("hinge loss", 1.58),
                ("exp(s_0)", 0.058), ("exp(s_1)", 2.36), ("exp(s_2)", 1.32),
                ("p_0", 0.016), ("p_1", 0.631), ("p_2", 0.353), ("cross-entropy", 1.04),
            ]),
        ("VanishingExploding_365Nodes_ReproducesLecturePowers", WorkedExamples.VanishingExploding,
            [("∂f/∂x = 1.01^365", 37.8), ("∂f/∂x = 0.99^365", 0.03)]),
    ];

    private static IEnumerable<TestCaseData> ExamplesOnEveryBackend
        => from e in Examples
           from backend in TestBackends.All
           select new TestCaseData(e.Example, backend, e.Expected).SetName($"{e.Test}(\"{backend}\")");

    [TestCaseSource(nameof(ExamplesOnEveryBackend))]
    public void Example_LectureInputs_ReproducesLectureNumbers(Func<IBackend, IReadOnlyList<LessonCheck>> example, string backendName, (string Quantity, double Lecture)[] expected)
        => AssertReproduces(example(TestBackends.Get(backendName)), expected);

    [Test]
    public void ConfusionMatrixCovid_Day01Counts_ReproducesTheRatios()
    {
        var checks = WorkedExamples.ConfusionMatrixCovid();
        AssertReproduces(checks, ("precision = 20/21", 20.0 / 21), ("recall = 20/30", 20.0 / 30), ("accuracy = 520/531", 520.0 / 531), ("F1 = 2PR/(P+R) = 40/51", 40.0 / 51));
        Assert.That(checks.Select(c => c.Tolerance), Is.All.LessThan(1e-4), "ratios of counts are exact");
    }

    [Test]
    public void All_Reference_ListsEveryWorkedExampleAndAllPass()
    {
        var examples = WorkedExamples.All().Select(c => c.Example).Distinct().ToList();
        Assert.That(examples, Has.Count.EqualTo(9), string.Join(", ", examples));
        Assert.That(WorkedExamples.All().Where(c => !c.Passed), Is.Empty);
    }

    [Test]
    public void Printed_LastDigit_ToleranceIsHalfAUnit()
    {
        var ok = LessonCheck.Printed("e", "lesson 7", "q", -0.53, 2, -0.5349);
        var off = LessonCheck.Printed("e", "lesson 7", "q", -0.53, 2, -0.5351);
        Assert.That(ok.Tolerance, Is.EqualTo(0.005).Within(1e-15));
        Assert.That(ok.Passed, Is.True, ok.ToString());
        Assert.That(off.Passed, Is.False, off.ToString());
        Assert.That(LessonCheck.Printed("e", "l", "q", 1, 1, double.NaN).Passed, Is.False, "NaN never passes");
    }

    /// <summary>Each expected quantity is present with the lecture's number, and MiniDL agrees with it.</summary>
    private static void AssertReproduces(IReadOnlyList<LessonCheck> checks, params (string Quantity, double Lecture)[] expected)
    {
        Assert.That(checks.Select(c => c.Quantity), Is.EqualTo(expected.Select(e => e.Quantity)), "the quantities of the example");
        foreach (var (quantity, lecture) in expected)
        {
            var check = checks.Single(c => c.Quantity == quantity);
            Assert.That(check.Expected, Is.EqualTo(lecture).Within(1e-12), $"{check.Example}: the lecture's {quantity}");
            Assert.That(check.Actual, Is.EqualTo(lecture).Within(check.Tolerance), check.ToString());
            Assert.That(check.Passed, Is.True, check.ToString());
        }
    }

    [Test]
    public void SigmoidNeuron_NumbersTheLectureDoesNotPrint_AreMarkedDerived()
    {
        // Lesson 7 prints a6 = 1.37 and ∂f/∂a6 = ∂f/∂a5 = −0.53, then asks "∂f/∂w = ?": the rest is worked by hand.
        var derived = WorkedExamples.SigmoidNeuron(MiniDL.Backends.ReferenceBackend.Instance).Where(c => c.Derived).Select(c => c.Quantity);
        Assert.That(derived, Is.EquivalentTo(new[] { "f", "∂f/∂w0", "∂f/∂w1", "∂f/∂w2", "∂f/∂x0", "∂f/∂x1" }));
    }
}
