namespace MiniDL.Plotting;

/// <summary>
/// A line chart of several named series against x, written as a standalone SVG file: axes with ticks and
/// labels, a legend and a title. Meant for training curves (loss and accuracy per epoch).
/// </summary>
/// <remarks>
/// Day 01, underfitting and overfitting, early stopping: plotting
/// the training and validation loss per epoch shows when the validation loss stops improving (overfitting
/// starts) — what <c>EarlyStopping(monitor='val_loss', patience=5)</c> watches. Each series is one
/// <c>&lt;path class="series"&gt;</c>; non-finite values (NaN, ∞) break the line instead of breaking the plot.
/// </remarks>
public sealed class SvgLineChart
{
    private readonly List<(string Name, double[] X, double[] Y)> series = [];

    /// <summary>Creates an empty chart.</summary>
    /// <param name="title">The title above the plot.</param>
    /// <param name="xLabel">The x-axis label, e.g. "epoch".</param>
    /// <param name="yLabel">The y-axis label, e.g. "loss".</param>
    public SvgLineChart(string title = "", string xLabel = "", string yLabel = "")
    {
        Title = title;
        XLabel = xLabel;
        YLabel = yLabel;
    }

    /// <summary>The title above the plot.</summary>
    public string Title { get; set; }

    /// <summary>The x-axis label.</summary>
    public string XLabel { get; set; }

    /// <summary>The y-axis label.</summary>
    public string YLabel { get; set; }

    /// <summary>Width of the SVG in pixels (default 720).</summary>
    public int Width { get; set; } = 720;

    /// <summary>Height of the SVG in pixels (default 420).</summary>
    public int Height { get; set; } = 420;

    /// <summary>Number of series added so far.</summary>
    public int SeriesCount => series.Count;

    /// <summary>Adds a series of points <c>(x[i], y[i])</c>.</summary>
    /// <param name="name">The series name shown in the legend.</param>
    /// <param name="x">The x values.</param>
    /// <param name="y">The y values, as many as <paramref name="x"/>.</param>
    /// <returns>This chart, to chain calls.</returns>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public SvgLineChart AddSeries(string name, IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Count != y.Count)
        {
            throw new ArgumentException($"SvgLineChart.AddSeries('{name}'): {x.Count} x values but {y.Count} y values.");
        }

        series.Add((name, [.. x], [.. y]));
        return this;
    }

    /// <summary>Adds a series against x = 1, 2, …, n (e.g. one value per epoch).</summary>
    /// <param name="name">The series name shown in the legend.</param>
    /// <param name="y">The y values.</param>
    /// <returns>This chart, to chain calls.</returns>
    public SvgLineChart AddSeries(string name, IReadOnlyList<double> y)
    {
        ArgumentNullException.ThrowIfNull(y);
        return AddSeries(name, Enumerable.Range(1, y.Count).Select(i => (double)i).ToArray(), y);
    }

    /// <summary>Renders the chart.</summary>
    /// <returns>The SVG document as text.</returns>
    public string ToSvg()
    {
        var svg = new SvgCanvas(Width, Height, Title);
        var (xMin, xMax) = SvgCanvas.SafeRange(series.SelectMany(s => s.X));
        var (yMin, yMax) = SvgCanvas.SafeRange(series.SelectMany(s => s.Y));
        double pad = (yMax - yMin) * 0.05;
        const double legendWidth = 150;
        var area = new SvgPlotArea(70, 40, Width - 70 - legendWidth - 20, Height - 40 - 55, xMin, xMax, yMin - pad, yMax + pad);
        area.DrawAxes(svg, XLabel, YLabel);
        for (int i = 0; i < series.Count; i++)
        {
            string colour = SvgCanvas.Palette[i % SvgCanvas.Palette.Length];
            svg.Path(area.PathData(series[i].X, series[i].Y), colour, "series", series[i].Name, "stroke-width=\"2\"");
        }

        double legendX = area.Left + area.Width + 15;
        for (int i = 0; i < series.Count; i++)
        {
            double y = area.Top + 10 + 20 * i;
            string colour = SvgCanvas.Palette[i % SvgCanvas.Palette.Length];
            svg.Line(legendX, y, legendX + 20, y, colour, "legend-line", "stroke-width=\"2\"");
            svg.Text(legendX + 26, y + 4, series[i].Name, "legend");
        }

        return svg.Finish();
    }

    /// <summary>Renders the chart and writes it to a file (UTF-8).</summary>
    /// <param name="path">The .svg file to write.</param>
    public void Save(string path) => File.WriteAllText(path, ToSvg());
}
