using System.Globalization;
using System.Text;

namespace MiniDL.Metrics;

/// <summary>The confusion matrix as a text table (what <c>minidl train</c> and <c>minidl eval</c> print).</summary>
public sealed partial class ConfusionMatrix
{
    /// <summary>
    /// The matrix as a table: one row per actual class, one column per predicted class, the counts right-aligned.
    /// </summary>
    /// <param name="classNames">A name per class (cut to 11 characters); null for 0, 1, 2, ….</param>
    /// <returns>The table, one line per row, each ending in a newline.</returns>
    /// <exception cref="ArgumentException"><paramref name="classNames"/> does not have one name per class.</exception>
    public string ToText(IReadOnlyList<string>? classNames = null)
    {
        int k = ClassCount;
        if (classNames is not null && classNames.Count != k)
        {
            throw new ArgumentException($"ConfusionMatrix.ToText: {classNames.Count} class names for {k} classes.", nameof(classNames));
        }

        var names = Enumerable.Range(0, k)
            .Select(c => classNames?[c] ?? c.ToString(CultureInfo.InvariantCulture))
            .Select(n => n.Length > 11 ? n[..11] : n)
            .ToArray();
        int labelWidth = Math.Max(13, names.Max(n => n.Length) + 2);
        int cell = Math.Max(6, Math.Max(names.Max(n => n.Length) + 1, Total.ToString(CultureInfo.InvariantCulture).Length + 1));
        var text = new StringBuilder();
        text.Append("actual \\ predicted".PadRight(labelWidth + 1)).Append('\n');
        text.Append(new string(' ', labelWidth));
        foreach (var n in names)
        {
            text.Append(n.PadLeft(cell));
        }

        text.Append('\n');
        for (int a = 0; a < k; a++)
        {
            text.Append(names[a].PadRight(labelWidth));
            for (int p = 0; p < k; p++)
            {
                text.Append(this[a, p].ToString(CultureInfo.InvariantCulture).PadLeft(cell));
            }

            text.Append('\n');
        }

        return text.ToString();
    }

    /// <summary>The table of <see cref="ToText"/> with the classes numbered.</summary>
    public override string ToString() => ToText();
}
