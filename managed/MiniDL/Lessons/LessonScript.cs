using System.Globalization;

namespace MiniDL.Lessons;

/// <summary>
/// What the lesson scripts in <c>lessons/</c> share: one line per lecture value ("lecture value / MiniDL value"),
/// the count of values reproduced, and the small inputs the lectures write by hand (a row of scores, a one-hot label).
/// </summary>
/// <param name="lectureName">The lecture's short name that starts the summary line, e.g. "Day 01".</param>
/// <param name="lectureWidth">The column width of the lecture's number.</param>
/// <param name="minidlWidth">The column width of MiniDL's number.</param>
public sealed class LessonScript(string lectureName, int lectureWidth = 9, int minidlWidth = 11)
{
    /// <summary>Prints the lecture's title and starts counting.</summary>
    /// <param name="title">The title line, e.g. <c>Lesson 7 "Neural Network"</c>.</param>
    /// <param name="lectureName">The short name that starts the summary line, e.g. "Lesson 7".</param>
    /// <param name="lectureWidth">The column width of the lecture's number.</param>
    /// <param name="minidlWidth">The column width of MiniDL's number.</param>
    /// <returns>The script's checker.</returns>
    public static LessonScript Start(string title, string lectureName, int lectureWidth = 9, int minidlWidth = 11)
    {
        Console.WriteLine(title);
        return new LessonScript(lectureName, lectureWidth, minidlWidth);
    }

    /// <summary>How many values were compared.</summary>
    public int Total { get; private set; }

    /// <summary>How many of them MiniDL did not reproduce.</summary>
    public int Failed { get; private set; }

    /// <summary>
    /// Prints <paramref name="what"/>, the lecture's value with <paramref name="digits"/> decimals and MiniDL's with two
    /// more; MISMATCH when they differ by more than half a unit of the last printed digit (or <paramref name="tolerance"/>).
    /// </summary>
    /// <param name="what">The quantity, as the lecture names it.</param>
    /// <param name="lecture">The lecture's value (or the formula worked by hand).</param>
    /// <param name="minidl">What MiniDL computes.</param>
    /// <param name="digits">How many decimals the lecture prints.</param>
    /// <param name="tolerance">The allowed difference, where it is not half a unit of the last digit.</param>
    public void Check(string what, double lecture, double minidl, int digits, double? tolerance = null)
    {
        Total++;
        bool ok = Math.Abs(lecture - minidl) <= (tolerance ?? 0.5 * Math.Pow(10, -digits) + 1e-9);
        Failed += ok ? 0 : 1;
        var c = CultureInfo.InvariantCulture;
        string expected = lecture.ToString("F" + digits, c).PadLeft(lectureWidth);
        string actual = minidl.ToString("F" + (digits + 2), c).PadLeft(minidlWidth);
        Console.WriteLine($"  {what,-50} lecture {expected} / MiniDL {actual}{(ok ? "" : "   MISMATCH")}");
    }

    /// <summary>Prints "LECTURE: N of M lecture values reproduced" and returns the exit code: 0 when all were.</summary>
    /// <returns>0 when every value was reproduced, else 1.</returns>
    public int Finish()
    {
        Console.WriteLine($"{lectureName}: {Total - Failed} of {Total} lecture values reproduced");
        return Failed == 0 ? 0 : 1;
    }

    /// <summary>A 1 × n row of scores, a leaf named "s".</summary>
    /// <param name="values">The scores.</param>
    /// <returns>The leaf.</returns>
    public static Node Row(params double[] values) => Node.Leaf(Tensor.FromArray(values, 1, values.Length), "s");

    /// <summary>The one-hot label of class <paramref name="label"/> among <paramref name="classes"/>, a constant named "y".</summary>
    /// <param name="label">The true class.</param>
    /// <param name="classes">How many classes.</param>
    /// <returns>The 1 × classes constant.</returns>
    public static Node OneHot(int label, int classes)
    {
        var t = new double[classes];
        t[label] = 1;
        return Node.Constant(Tensor.FromArray(t, 1, classes), "y");
    }
}
