namespace MiniDL.Plotting;

/// <summary>
/// Plots a 1-D function and a network's approximation of it (and, optionally, the training samples):
/// the picture of the "bumps" example.
/// </summary>
/// <remarks>
/// Lesson 7 "Neural Network", "one hidden layer can approximate any function
/// (visual proof in 1-D)": a pair of sigmoid hidden units makes a bump, and a sum of bumps follows the
/// target. Drawing target and approximation together shows how close the sum of bumps gets.
/// </remarks>
public static class SvgFunctionPlot
{
    /// <summary>Renders the target and the approximation as two lines, plus optional sample points.</summary>
    /// <param name="x">The x values, increasing.</param>
    /// <param name="target">The target function at each x.</param>
    /// <param name="approximation">The model's output at each x.</param>
    /// <param name="sampleX">Training inputs to mark, or <see langword="null"/>.</param>
    /// <param name="sampleY">Training targets to mark, as many as <paramref name="sampleX"/>.</param>
    /// <param name="title">The title.</param>
    /// <returns>
    /// The SVG document: two <c>&lt;path class="series"&gt;</c> (target, approximation), one
    /// <c>&lt;circle class="sample"&gt;</c> per sample and a legend.
    /// </returns>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public static string Render(
        double[] x,
        double[] target,
        double[] approximation,
        double[]? sampleX = null,
        double[]? sampleY = null,
        string title = "Function approximation")
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(approximation);
        if (target.Length != x.Length || approximation.Length != x.Length)
        {
            throw new ArgumentException(
                $"SvgFunctionPlot.Render: {x.Length} x values, {target.Length} target values, {approximation.Length} approximation values; they must match.");
        }

        sampleX ??= [];
        sampleY ??= [];
        if (sampleX.Length != sampleY.Length)
        {
            throw new ArgumentException($"SvgFunctionPlot.Render: {sampleX.Length} sample x values but {sampleY.Length} sample y values.");
        }

        const int width = 720, height = 420;
        var svg = new SvgCanvas(width, height, title);
        var (xMin, xMax) = SvgCanvas.SafeRange(x.Concat(sampleX));
        var (yMin, yMax) = SvgCanvas.SafeRange(target.Concat(approximation).Concat(sampleY));
        double pad = (yMax - yMin) * 0.05;
        var area = new SvgPlotArea(70, 40, width - 70 - 170, height - 40 - 55, xMin, xMax, yMin - pad, yMax + pad);
        area.DrawAxes(svg, "x", "y");
        string[] names = ["target", "approximation"];
        string[] colours = [SvgCanvas.Palette[0], SvgCanvas.Palette[1]];
        svg.Path(area.PathData(x, target), colours[0], "series", names[0], "stroke-width=\"2\"");
        svg.Path(area.PathData(x, approximation), colours[1], "series", names[1], "stroke-width=\"2\" stroke-dasharray=\"6 3\"");
        for (int i = 0; i < sampleX.Length; i++)
        {
            if (double.IsFinite(sampleX[i]) && double.IsFinite(sampleY[i]))
            {
                svg.Circle(area.X(sampleX[i]), area.Y(sampleY[i]), 3, "#333333", "sample", "fill-opacity=\"0.7\"");
            }
        }

        double legendX = area.Left + area.Width + 15;
        for (int i = 0; i < 2; i++)
        {
            double y = area.Top + 10 + 20 * i;
            svg.Line(legendX, y, legendX + 20, y, colours[i], "legend-line", "stroke-width=\"2\"");
            svg.Text(legendX + 26, y + 4, names[i], "legend");
        }

        if (sampleX.Length > 0)
        {
            double y = area.Top + 50;
            svg.Circle(legendX + 10, y, 3, "#333333", "legend-marker");
            svg.Text(legendX + 26, y + 4, "training samples", "legend");
        }

        return svg.Finish();
    }
}
