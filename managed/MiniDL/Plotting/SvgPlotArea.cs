namespace MiniDL.Plotting;

/// <summary>
/// The rectangle of a plot that shows data, with the linear maps from data coordinates to pixels
/// (SVG's y axis points down, so larger y is drawn higher by flipping) and the axes with ticks.
/// </summary>
internal sealed class SvgPlotArea(double left, double top, double width, double height, double xMin, double xMax, double yMin, double yMax)
{
    public double Left => left;

    public double Top => top;

    public double Width => width;

    public double Height => height;

    public double X(double value) => left + (value - xMin) / (xMax - xMin) * width;

    public double Y(double value) => top + height - (value - yMin) / (yMax - yMin) * height;

    /// <summary>Draws the frame, ticks with labels, grid lines and the two axis labels.</summary>
    public void DrawAxes(SvgCanvas svg, string xLabel, string yLabel)
    {
        svg.Rect(left, top, width, height, "none", "frame", "stroke=\"#333\"");
        var (xTicks, xStep) = SvgCanvas.NiceTicks(xMin, xMax, Math.Max(2, (int)(width / 90)));
        foreach (double t in xTicks)
        {
            double px = X(t);
            svg.Line(px, top, px, top + height, "#e5e5e5", "grid");
            svg.Line(px, top + height, px, top + height + 5, "#333", "tick");
            svg.Text(px, top + height + 18, SvgCanvas.TickLabel(t, xStep), "tick-label", anchor: "middle");
        }

        var (yTicks, yStep) = SvgCanvas.NiceTicks(yMin, yMax, Math.Max(2, (int)(height / 60)));
        foreach (double t in yTicks)
        {
            double py = Y(t);
            svg.Line(left, py, left + width, py, "#e5e5e5", "grid");
            svg.Line(left - 5, py, left, py, "#333", "tick");
            svg.Text(left - 8, py + 4, SvgCanvas.TickLabel(t, yStep), "tick-label", anchor: "end");
        }

        if (xLabel.Length > 0)
        {
            svg.Text(left + width / 2, top + height + 38, xLabel, "axis-label", anchor: "middle");
        }

        if (yLabel.Length > 0)
        {
            double cx = left - 48, cy = top + height / 2;
            svg.Text(cx, cy, yLabel, "axis-label", anchor: "middle", extra: $"transform=\"rotate(-90 {SvgCanvas.Num(cx)} {SvgCanvas.Num(cy)})\"");
        }
    }

    /// <summary>An SVG path through the points, starting a new piece after any NaN or infinite value.</summary>
    public string PathData(IReadOnlyList<double> xs, IReadOnlyList<double> ys)
    {
        var d = new System.Text.StringBuilder();
        bool penDown = false;
        for (int i = 0; i < xs.Count; i++)
        {
            if (!double.IsFinite(xs[i]) || !double.IsFinite(ys[i]))
            {
                penDown = false;
                continue;
            }

            d.Append(penDown ? " L" : (d.Length > 0 ? " M" : "M"))
                .Append(SvgCanvas.Num(X(xs[i]))).Append(',').Append(SvgCanvas.Num(Y(ys[i])));
            penDown = true;
        }

        return d.ToString();
    }
}
