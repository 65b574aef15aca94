using System.Globalization;

namespace MiniDL.Lessons;

/// <summary>
/// One number of a lecture's worked example next to the value MiniDL computes for it.
/// </summary>
/// <param name="Example">The worked example, e.g. "sigmoid neuron".</param>
/// <param name="Lecture">The lecture it comes from, e.g. "lesson 7" (docs/lectures.md lists the lectures).</param>
/// <param name="Quantity">What the number is, e.g. "∂f/∂w0".</param>
/// <param name="Expected">The lecture's number, as printed.</param>
/// <param name="Actual">What MiniDL computed.</param>
/// <param name="Digits">How many decimals the lecture prints (for display).</param>
/// <param name="Tolerance">The allowed <c>|Actual − Expected|</c>: half a unit of the last printed digit (0.005 for "−0.53"),
/// or a small tolerance where the lecture's number is exact (−12, 20/21).</param>
public sealed record LessonCheck(
    string Example,
    string Lecture,
    string Quantity,
    double Expected,
    double Actual,
    int Digits,
    double Tolerance)
{
    /// <summary>
    /// True when the lecture does not print this number but asks for it (e.g. lesson 7 computes a6 = 1.37 and
    /// ∂f/∂a6 = −0.53, then asks "∂f/∂w = ?"): the expected value is worked by hand from the lecture's own graph.
    /// </summary>
    public bool Derived { get; init; }

    /// <summary>True when MiniDL's value agrees with the lecture's at the digits the lecture prints.</summary>
    public bool Passed => Math.Abs(Actual - Expected) <= Tolerance;

    /// <summary>The lecture's number with the decimals it prints, e.g. "-0.53".</summary>
    public string ExpectedText => Expected.ToString("F" + Digits, CultureInfo.InvariantCulture);

    /// <summary>MiniDL's number with two more decimals than the lecture prints.</summary>
    public string ActualText => Actual.ToString("F" + Math.Min(Digits + 2, 15), CultureInfo.InvariantCulture);

    /// <summary>A check against a number printed to <paramref name="digits"/> decimals: tolerance half a unit of the last digit.</summary>
    public static LessonCheck Printed(string example, string lecture, string quantity, double expected, int digits, double actual)
        => new(example, lecture, quantity, expected, actual, digits, 0.5 * Math.Pow(10, -digits));

    /// <summary>A check against an exact number (an integer or a ratio of counts), to float32 rounding.</summary>
    public static LessonCheck Exact(string example, string lecture, string quantity, double expected, double actual, int digits = 0)
        => new(example, lecture, quantity, expected, actual, digits, 1e-5 * Math.Max(1, Math.Abs(expected)));

    /// <inheritdoc/>
    public override string ToString()
        => $"{Example} ({Lecture}) {Quantity}: lecture {ExpectedText}, MiniDL {ActualText}{(Passed ? string.Empty : " FAILED")}";
}
