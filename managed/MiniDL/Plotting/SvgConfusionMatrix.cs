using System.Globalization;
using MiniDL.Metrics;

namespace MiniDL.Plotting;

/// <summary>
/// Draws a confusion matrix as an SVG heat map: one cell per (actual, predicted) pair, shaded by its share
/// of the actual class (row), with the count written in it and the class names on both axes.
/// </summary>
/// <remarks>
/// Day 01, "Confusion Matrix": rows are the actual class,
/// columns the predicted class, so the diagonal holds the correct predictions. Shading by row share
/// (recall of the row's class on the diagonal) keeps rare classes visible.
/// </remarks>
public static class SvgConfusionMatrix
{
    /// <summary>Renders a <see cref="ConfusionMatrix"/>.</summary>
    /// <param name="matrix">The matrix.</param>
    /// <param name="classNames">One name per class.</param>
    /// <param name="title">The title.</param>
    /// <returns>The SVG document as text.</returns>
    public static string Render(ConfusionMatrix matrix, IReadOnlyList<string> classNames, string title = "Confusion matrix")
    {
        ArgumentNullException.ThrowIfNull(matrix);
        return Render(matrix.ToArray(), classNames, title);
    }

    /// <summary>Renders counts <c>[actual, predicted]</c>.</summary>
    /// <param name="counts">A square matrix of counts.</param>
    /// <param name="classNames">One name per row/column.</param>
    /// <param name="title">The title.</param>
    /// <returns>The SVG document as text: <c>n²</c> <c>&lt;rect class="cell"&gt;</c>, <c>n²</c> <c>&lt;text class="count"&gt;</c>, and <c>2n</c> <c>&lt;text class="class-label"&gt;</c>.</returns>
    /// <exception cref="ArgumentException">The matrix is not square or the names do not match it.</exception>
    public static string Render(long[,] counts, IReadOnlyList<string> classNames, string title = "Confusion matrix")
    {
        ArgumentNullException.ThrowIfNull(counts);
        ArgumentNullException.ThrowIfNull(classNames);
        int n = counts.GetLength(0);
        if (n < 1 || counts.GetLength(1) != n || classNames.Count != n)
        {
            throw new ArgumentException(
                $"SvgConfusionMatrix.Render: needs an n×n matrix with n class names, got {counts.GetLength(0)}×{counts.GetLength(1)} and {classNames.Count} names.");
        }

        double cell = Math.Clamp(480.0 / n, 22, 60);
        int labelSpace = 20 + 7 * Math.Min(classNames.Max(s => s.Length), 18);
        int width = (int)(labelSpace + 40 + n * cell + 30);
        int height = (int)(60 + n * cell + labelSpace + 30);
        var svg = new SvgCanvas(width, height, title);
        double left = labelSpace + 40, top = 60;
        for (int a = 0; a < n; a++)
        {
            long rowTotal = 0;
            for (int p = 0; p < n; p++)
            {
                rowTotal += counts[a, p];
            }

            for (int p = 0; p < n; p++)
            {
                double share = rowTotal == 0 ? 0 : (double)counts[a, p] / rowTotal;
                svg.Rect(left + p * cell, top + a * cell, cell, cell, Blue(share), "cell", "stroke=\"white\"");
                svg.Text(
                    left + (p + 0.5) * cell,
                    top + (a + 0.5) * cell + 4,
                    counts[a, p].ToString(CultureInfo.InvariantCulture),
                    "count",
                    anchor: "middle",
                    extra: $"fill=\"{(share > 0.5 ? "white" : "black")}\" font-size=\"{SvgCanvas.Num(Math.Min(12, cell / 3))}\"");
            }
        }

        for (int k = 0; k < n; k++)
        {
            svg.Text(left - 6, top + (k + 0.5) * cell + 4, classNames[k], "class-label", anchor: "end");
            double x = left + (k + 0.5) * cell, y = top + n * cell + 10;
            svg.Text(x, y, classNames[k], "class-label", anchor: "end", extra: $"transform=\"rotate(-45 {SvgCanvas.Num(x)} {SvgCanvas.Num(y)})\"");
        }

        svg.Text(left + n * cell / 2, 45, "predicted class", "axis-label", anchor: "middle");
        double cx = 14, cy = top + n * cell / 2;
        svg.Text(cx, cy, "actual class", "axis-label", anchor: "middle", extra: $"transform=\"rotate(-90 {SvgCanvas.Num(cx)} {SvgCanvas.Num(cy)})\"");
        return svg.Finish();
    }

    /// <summary>White (share 0) to dark blue (share 1).</summary>
    private static string Blue(double share)
    {
        int r = (int)Math.Round(247 + (8 - 247) * share);
        int g = (int)Math.Round(251 + (48 - 251) * share);
        int b = (int)Math.Round(255 + (107 - 255) * share);
        return $"#{r:x2}{g:x2}{b:x2}";
    }
}
