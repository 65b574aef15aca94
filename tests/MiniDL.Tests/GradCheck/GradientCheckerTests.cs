using MiniDL.Autograd;
using MiniDL.Autograd.Nodes;
using MiniDL.Backends;
using MiniDL.GradCheck;

namespace MiniDL.Tests.GradCheck;

[TestFixture]
public class GradientCheckerTests
{
    /// <summary><c>Y = X²</c> with a deliberately wrong backward: <c>∇X += ∇Y ⊙ 3X</c> instead of <c>2X</c>.</summary>
    private static Node WrongSquare(Node x)
    {
        var y = Tensor.ZerosLike(x.Value);
        x.Backend.Map(UnaryOp.Square, x.Value.Storage, y.Storage);
        var node = new Node(y, "wrong_square", [x]);
        node.BackwardRule = () =>
        {
            using var local = Tensor.ZerosLike(x.Value);
            x.Backend.Map(UnaryOp.MultiplyConstant, x.Value.Storage, local.Storage, 3.0);
            x.Backend.Zip(BinaryOp.Multiply, node.Grad!.Storage, local.Storage, local.Storage);
            x.Backend.Axpy(1.0, local.Storage, x.GradOrZeros.Storage);
        };
        return node;
    }

    /// <summary><c>Y = 2X</c> whose backward ignores the upstream gradient (<c>∇X += 2</c>, right only when ∇Y is all ones).</summary>
    private static Node IgnoresUpstream(Node x)
    {
        var y = Tensor.ZerosLike(x.Value);
        x.Backend.Map(UnaryOp.MultiplyConstant, x.Value.Storage, y.Storage, 2.0);
        var node = new Node(y, "ignores_upstream", [x]);
        node.BackwardRule = () =>
        {
            using var two = Tensor.ZerosLike(x.Value);
            x.Backend.Fill(two.Storage, 2.0);
            x.Backend.Axpy(1.0, two.Storage, x.GradOrZeros.Storage);
        };
        return node;
    }

    /// <summary><c>Y = cX</c> whose backward is <c>∇X += c(1 + δ)∇Y + ε</c>: a relative error δ and an absolute error ε.</summary>
    private static Node Scaled(Node x, double c, double delta, double epsilon)
    {
        var y = Tensor.ZerosLike(x.Value);
        x.Backend.Map(UnaryOp.MultiplyConstant, x.Value.Storage, y.Storage, c);
        var node = new Node(y, "scaled", [x]);
        node.BackwardRule = () =>
        {
            x.Backend.Axpy(c * (1 + delta), node.Grad!.Storage, x.GradOrZeros.Storage);
            using var offset = Tensor.ZerosLike(x.Value);
            x.Backend.Fill(offset.Storage, epsilon);
            x.Backend.Axpy(1.0, offset.Storage, x.GradOrZeros.Storage);
        };
        return node;
    }

    private static Tensor Point() => Tensor.FromRows([[0.7, -1.3, 0.4], [1.1, -0.2, 0.9]]);

    [Test]
    public void Check_CorrectNode_PassesInGoodBand()
    {
        var report = GradientChecker.Check("matmul", v => MatMul.Forward(v[0], v[1]), [Point(), Tensor.FromRows([[1, 2], [3, 4], [5, 6]])]);
        Assert.That(report.Passed, Is.True, report.ToString());
        Assert.That(report.Band, Is.EqualTo(ErrorBand.Good), report.ToString());
    }

    [Test]
    public void Check_DeliberatelyWrongBackward_FailsInWrongBand()
    {
        var report = GradientChecker.Check("wrong_square", v => WrongSquare(v[0]), [Point()]);
        Assert.That(report.Passed, Is.False, report.ToString());
        Assert.That(report.Band, Is.EqualTo(ErrorBand.Wrong), report.ToString());
        Assert.That(report.Inputs[0].WorstAnalytic / report.Inputs[0].WorstNumeric, Is.EqualTo(1.5).Within(1e-6), "3x against 2x");
    }

    [Test]
    public void Check_BackwardIgnoringUpstreamGradient_FailsBecauseUpstreamIsRandom()
    {
        var report = GradientChecker.Check("ignores_upstream", v => IgnoresUpstream(v[0]), [Point()]);
        Assert.That(report.Passed, Is.False, $"a ones upstream would hide this bug: {report}");
        Assert.That(report.Inputs[0].WorstAnalytic, Is.EqualTo(2.0), report.ToString());
        Assert.That(report.Inputs[0].WorstNumeric, Is.Not.EqualTo(2.0).Within(1e-3), report.ToString());
    }

    [TestCase(0.0009, true)]
    [TestCase(0.0011, false)]
    public void Check_AbsoluteErrorAgainstAtol_PassesOnlyWithinAtol(double epsilon, bool passes)
    {
        var options = new GradCheckOptions(AbsoluteTolerance: 1e-3, RelativeTolerance: 0);
        var report = GradientChecker.Check("scaled", v => Scaled(v[0], 2, 0, epsilon), [Point()], options);
        Assert.That(report.Passed, Is.EqualTo(passes), $"|a − n| = {epsilon} against atol 1e-3: {report}");
        Assert.That(report.MaxAbsoluteError, Is.EqualTo(epsilon).Within(1e-8), report.ToString());
    }

    [TestCase(0.009, true)]
    [TestCase(0.011, false)]
    public void Check_RelativeErrorAgainstRtol_PassesOnlyWithinRtolTimesNumeric(double delta, bool passes)
    {
        var options = new GradCheckOptions(AbsoluteTolerance: 0, RelativeTolerance: 0.01);
        var report = GradientChecker.Check("scaled", v => Scaled(v[0], 100, delta, 0), [Point()], options);
        Assert.That(report.Passed, Is.EqualTo(passes), $"|a − n| = {delta}·|n| against rtol 0.01: {report}");
    }

    [Test]
    public void Check_PassRule_CombinesAtolAndRtol()
    {
        // |a − n| = ε + δ|n|; with atol = ε and rtol = δ the bound is met (just); halving either breaks it.
        double c = 10, delta = 0.01, epsilon = 1e-3;
        bool Passes(double atol, double rtol) => GradientChecker.Check(
            "scaled", v => Scaled(v[0], c, delta, epsilon), [Point()], new GradCheckOptions(AbsoluteTolerance: atol, RelativeTolerance: rtol)).Passed;
        Assert.That(Passes(1.01 * epsilon, 1.01 * delta), Is.True, "atol + rtol·|n| covers ε + δ|n|");
        Assert.That(Passes(0.5 * epsilon, 1.01 * delta), Is.False, "atol too small");
        Assert.That(Passes(1.01 * epsilon, 0.5 * delta), Is.False, "rtol too small");
    }

    [TestCase(0.0, ErrorBand.Good)]
    [TestCase(1e-7, ErrorBand.Good)]
    [TestCase(1.0001e-7, ErrorBand.Acceptable)]
    [TestCase(1e-4, ErrorBand.Acceptable)]
    [TestCase(1.0001e-4, ErrorBand.Uncomfortable)]
    [TestCase(1e-2, ErrorBand.Uncomfortable)]
    [TestCase(1.0001e-2, ErrorBand.Wrong)]
    [TestCase(1.0, ErrorBand.Wrong)]
    [TestCase(double.NaN, ErrorBand.Wrong)]
    [TestCase(double.PositiveInfinity, ErrorBand.Wrong)]
    public void BandOf_RelativeError_IsCs231nBand(double relativeError, ErrorBand band)
        => Assert.That(GradientChecker.BandOf(relativeError), Is.EqualTo(band));

    [Test]
    public void Check_NamedInputs_ReportNamesInputsAndShapes()
    {
        var report = GradientChecker.Check(
            "matmul", v => MatMul.Forward(v[0], v[1]), [Point(), Tensor.FromRows([[1], [2], [3]])], inputNames: ["X", "W"]);
        Assert.That(report.Name, Is.EqualTo("matmul"));
        Assert.That(report.Inputs.Select(i => i.Input), Is.EqualTo(new[] { "X", "W" }));
        Assert.That(report.Shapes, Is.EqualTo("(2, 3), (3, 1)"));
        Assert.That(report.ToString(), Does.Contain("matmul").And.Contain("X (2, 3)").And.Contain("W (3, 1)"));
    }

    [Test]
    public void Check_FailingInput_ReportSaysWhichInputFailed()
    {
        var report = GradientChecker.Check(
            "pair", v => Add.Forward(WrongSquare(v[0]), v[1]), [Point(), Point()], inputNames: ["A", "B"]);
        Assert.That(report.Inputs.Single(i => i.Input == "A").Passed, Is.False, report.ToString());
        Assert.That(report.Inputs.Single(i => i.Input == "B").Passed, Is.True, report.ToString());
        Assert.That(report.ToString(), Does.Match("A \\(2, 3\\).*FAILED"));
    }

    [Test]
    public void Check_ConstantInput_IsNotReportedAndGetsNoGradient()
    {
        var report = GradientChecker.Check(
            "add", v => Add.Forward(v[0], v[1]), [Point(), Point()], constantInputs: new HashSet<int> { 1 });
        Assert.That(report.Inputs.Select(i => i.Input), Is.EqualTo(new[] { "x0" }));
        Assert.That(report.Passed, Is.True, report.ToString());
    }

    [Test]
    public void Check_AnyNode_LeavesInputsUnchanged()
    {
        var x = Point();
        var before = x.ToArray();
        GradientChecker.Check("wrong_square", v => WrongSquare(v[0]), [x]);
        Assert.That(x.ToArray(), Is.EqualTo(before));
    }

    [Test]
    public void Check_Float32BackendWithDefaultStep_ThrowsNamingTheBackendAndTheFix()
    {
        var f32 = TestBackends.Get("cpu-f32");
        var ex = Assert.Throws<ArgumentException>(() =>
            GradientChecker.Check("square", v => Square.Forward(v[0]), [Point().To(f32)]));
        Assert.That(ex!.Message, Does.Contain("'square'").And.Contain("cpu-f32").And.Contain("float64").And.Contain("1E-06"));
    }

    [Test]
    public void Check_Float32BackendWithLargeStepAndLooseTolerance_Passes()
    {
        var f32 = TestBackends.Get("cpu-f32");
        var options = new GradCheckOptions(Step: 1e-2, AbsoluteTolerance: 1e-2, RelativeTolerance: 1e-2);
        var report = GradientChecker.Check("square", v => Square.Forward(v[0]), [Point().To(f32)], options);
        Assert.That(report.Passed, Is.True, report.ToString());
    }
}
