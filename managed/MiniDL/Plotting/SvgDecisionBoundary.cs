namespace MiniDL.Plotting;

/// <summary>
/// A 2-D scatter plot of labelled points, coloured by class, optionally over the classifier's decision
/// regions (a grid of lightly coloured cells showing the predicted class).
/// </summary>
/// <remarks>
/// Lesson 7 "Neural Network", XOR: a linear classifier draws one straight
/// boundary and cannot separate XOR; one hidden layer bends the boundary. Drawing the predicted class
/// over the plane (for XOR or the spiral toy) makes this visible.
/// </remarks>
public static class SvgDecisionBoundary
{
    /// <summary>Renders points (and, if given, the decision regions).</summary>
    /// <param name="points">Row-major <c>n × 2</c> matrix of (x, y) points.</param>
    /// <param name="labels">The class of each point.</param>
    /// <param name="classNames">Class names, for the legend; labels index them.</param>
    /// <param name="grid">Predicted classes over a region (see <see cref="DecisionGrid.Evaluate"/>), or <see langword="null"/> for a plain scatter plot.</param>
    /// <param name="title">The title.</param>
    /// <param name="xLabel">The x-axis label.</param>
    /// <param name="yLabel">The y-axis label.</param>
    /// <returns>
    /// The SVG document: one <c>&lt;rect class="region"&gt;</c> per grid cell, one
    /// <c>&lt;circle class="point"&gt;</c> per point, one <c>&lt;text class="legend"&gt;</c> per class.
    /// </returns>
    /// <exception cref="ArgumentException">The sizes disagree or a label or grid class is out of range.</exception>
    public static string Render(
        double[] points,
        int[] labels,
        IReadOnlyList<string> classNames,
        DecisionGrid? grid = null,
        string title = "Decision boundary",
        string xLabel = "x1",
        string yLabel = "x2")
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(classNames);
        if (points.Length != 2 * labels.Length)
        {
            throw new ArgumentException($"SvgDecisionBoundary.Render: {points.Length} coordinates for {labels.Length} labels (need 2 per point).");
        }

        CheckClasses(labels, classNames.Count, "label");
        if (grid is not null)
        {
            if (grid.Classes.Length != grid.Columns * grid.Rows)
            {
                throw new ArgumentException($"SvgDecisionBoundary.Render: grid of {grid.Columns}×{grid.Rows} has {grid.Classes.Length} classes.", nameof(grid));
            }

            CheckClasses(grid.Classes, classNames.Count, "grid class");
        }

        double xMin, xMax, yMin, yMax;
        if (grid is not null)
        {
            (xMin, xMax, yMin, yMax) = (grid.XMin, grid.XMax, grid.YMin, grid.YMax);
        }
        else
        {
            (xMin, xMax) = SvgCanvas.SafeRange(points.Where((_, i) => i % 2 == 0));
            (yMin, yMax) = SvgCanvas.SafeRange(points.Where((_, i) => i % 2 == 1));
            double px = (xMax - xMin) * 0.05, py = (yMax - yMin) * 0.05;
            (xMin, xMax, yMin, yMax) = (xMin - px, xMax + px, yMin - py, yMax + py);
        }

        const int width = 640, height = 520;
        var svg = new SvgCanvas(width, height, title);
        var area = new SvgPlotArea(70, 40, width - 70 - 150, height - 40 - 55, xMin, xMax, yMin, yMax);
        if (grid is not null)
        {
            double cellWidth = area.Width / grid.Columns, cellHeight = area.Height / grid.Rows;
            for (int r = 0; r < grid.Rows; r++)
            {
                for (int c = 0; c < grid.Columns; c++)
                {
                    string colour = SvgCanvas.Palette[grid.Classes[r * grid.Columns + c] % SvgCanvas.Palette.Length];
                    svg.Rect(
                        area.Left + c * cellWidth,
                        area.Top + area.Height - (r + 1) * cellHeight,
                        cellWidth + 0.3,
                        cellHeight + 0.3,
                        colour,
                        "region",
                        "fill-opacity=\"0.25\"");
                }
            }
        }

        area.DrawAxes(svg, xLabel, yLabel);
        for (int i = 0; i < labels.Length; i++)
        {
            double x = points[2 * i], y = points[2 * i + 1];
            if (double.IsFinite(x) && double.IsFinite(y))
            {
                string colour = SvgCanvas.Palette[labels[i] % SvgCanvas.Palette.Length];
                svg.Circle(area.X(x), area.Y(y), 3.5, colour, "point", "stroke=\"black\" stroke-width=\"0.5\"");
            }
        }

        double legendX = area.Left + area.Width + 15;
        for (int k = 0; k < classNames.Count; k++)
        {
            double y = area.Top + 10 + 20 * k;
            svg.Circle(legendX + 6, y, 5, SvgCanvas.Palette[k % SvgCanvas.Palette.Length], "legend-marker");
            svg.Text(legendX + 18, y + 4, classNames[k], "legend");
        }

        return svg.Finish();
    }

    private static void CheckClasses(int[] classes, int classCount, string what)
    {
        for (int i = 0; i < classes.Length; i++)
        {
            if (classes[i] < 0 || classes[i] >= classCount)
            {
                throw new ArgumentException($"SvgDecisionBoundary.Render: {what} {classes[i]} at index {i} is outside 0..{classCount - 1}.");
            }
        }
    }
}
