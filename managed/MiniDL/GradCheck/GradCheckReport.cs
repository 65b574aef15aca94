namespace MiniDL.GradCheck;

/// <summary>The comparison of analytic and numeric gradients for one input of the checked function.</summary>
/// <param name="Input">The input's name (or its index).</param>
/// <param name="Shape">The input's shape, e.g. (3, 4).</param>
/// <param name="MaxAbsoluteError">max over elements of <c>|analytic − numeric|</c>.</param>
/// <param name="MaxRelativeError">max over elements of <c>|analytic − numeric| / max(|analytic|, |numeric|, atol)</c>.</param>
/// <param name="Band">The cs231n band of <paramref name="MaxRelativeError"/>.</param>
/// <param name="Passed">Every element satisfied <c>|analytic − numeric| ≤ atol + rtol·|numeric|</c>.</param>
/// <param name="WorstIndex">The flat index of the element with the largest relative error (−1 if none).</param>
/// <param name="WorstAnalytic">The analytic gradient at <paramref name="WorstIndex"/>.</param>
/// <param name="WorstNumeric">The numeric gradient at <paramref name="WorstIndex"/>.</param>
public sealed record InputReport(
    string Input,
    string Shape,
    double MaxAbsoluteError,
    double MaxRelativeError,
    ErrorBand Band,
    bool Passed,
    long WorstIndex,
    double WorstAnalytic,
    double WorstNumeric);

/// <summary>The result of <see cref="GradientChecker.Check"/>: one <see cref="InputReport"/> per input.</summary>
/// <param name="Name">What was checked (a node, activation or loss).</param>
/// <param name="Inputs">One report per input that takes a gradient.</param>
public sealed record GradCheckReport(string Name, IReadOnlyList<InputReport> Inputs)
{
    /// <summary>True when every input passed.</summary>
    public bool Passed => Inputs.All(i => i.Passed);

    /// <summary>The largest relative error over all inputs.</summary>
    public double MaxRelativeError => Inputs.Count == 0 ? 0 : Inputs.Max(i => i.MaxRelativeError);

    /// <summary>The largest absolute error over all inputs.</summary>
    public double MaxAbsoluteError => Inputs.Count == 0 ? 0 : Inputs.Max(i => i.MaxAbsoluteError);

    /// <summary>The band of <see cref="MaxRelativeError"/>.</summary>
    public ErrorBand Band => GradientChecker.BandOf(MaxRelativeError);

    /// <summary>The shapes of the inputs, e.g. "(3, 4), (4, 2)".</summary>
    public string Shapes => string.Join(", ", Inputs.Select(i => i.Shape));

    /// <summary>One line per input, for a failure message.</summary>
    public override string ToString()
        => $"{Name}: " + string.Join("; ", Inputs.Select(i =>
            $"{i.Input} {i.Shape}: max abs {i.MaxAbsoluteError:E2}, max rel {i.MaxRelativeError:E2} ({i.Band}), worst [{i.WorstIndex}] analytic {i.WorstAnalytic:G6} numeric {i.WorstNumeric:G6}{(i.Passed ? string.Empty : " FAILED")}"));
}
