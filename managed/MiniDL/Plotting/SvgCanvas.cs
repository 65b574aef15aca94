using System.Globalization;
using System.Text;

namespace MiniDL.Plotting;

/// <summary>
/// The small SVG writer shared by the plots: elements appended as text, with XML-escaped strings and
/// culture-invariant numbers (always a '.' decimal point, whatever the machine's language).
/// </summary>
internal sealed class SvgCanvas
{
    /// <summary>A categorical palette (Tableau 10); class <c>k</c> gets colour <c>k mod 10</c>.</summary>
    public static readonly string[] Palette =
        ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"];

    private readonly StringBuilder text = new();

    public SvgCanvas(int width, int height, string title)
    {
        if (width < 100 || height < 100)
        {
            throw new ArgumentException($"SVG plot: width and height must be at least 100 pixels, got {width}×{height}.");
        }

        Width = width;
        Height = height;
        text.Append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        text.Append($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" font-family=\"sans-serif\" font-size=\"12\">\n");
        text.Append($"<title>{Escape(title)}</title>\n");
        text.Append($"<rect class=\"background\" x=\"0\" y=\"0\" width=\"{width}\" height=\"{height}\" fill=\"white\"/>\n");
        if (title.Length > 0)
        {
            Text(width / 2.0, 20, title, "title", anchor: "middle", extra: "font-size=\"15\" font-weight=\"bold\"");
        }
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>Escapes the five XML special characters and drops characters XML 1.0 forbids.</summary>
    public static string Escape(string value)
    {
        var result = new StringBuilder(value.Length);
        foreach (char c in value)
        {
            switch (c)
            {
                case '&': result.Append("&amp;"); break;
                case '<': result.Append("&lt;"); break;
                case '>': result.Append("&gt;"); break;
                case '"': result.Append("&quot;"); break;
                case '\'': result.Append("&apos;"); break;
                default:
                    if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r')
                    {
                        result.Append(c);
                    }

                    break;
            }
        }

        return result.ToString();
    }

    /// <summary>A coordinate with at most 2 decimals, invariant culture.</summary>
    public static string Num(double value) => Math.Round(value, 2).ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>A tick label, rounded to the precision of the tick step so 0.1 + 0.2 prints as 0.3.</summary>
    public static string TickLabel(double value, double step)
    {
        int decimals = Math.Clamp(-(int)Math.Floor(Math.Log10(step)), 0, 10);
        double rounded = Math.Round(value, decimals);
        return (rounded == 0 ? 0.0 : rounded).ToString("0.##########", CultureInfo.InvariantCulture);
    }

    /// <summary>"Nice" tick positions (steps of 1, 2 or 5 × 10^k) covering [min, max].</summary>
    public static (double[] Ticks, double Step) NiceTicks(double min, double max, int approximateCount = 5)
    {
        double rough = (max - min) / Math.Max(approximateCount, 1);
        double magnitude = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        double normalized = rough / magnitude;
        double step = (normalized < 1.5 ? 1 : normalized < 3 ? 2 : normalized < 7 ? 5 : 10) * magnitude;
        var ticks = new List<double>();
        for (double t = Math.Ceiling(min / step - 1e-9) * step; t <= max + step * 1e-9; t += step)
        {
            ticks.Add(t);
        }

        return ([.. ticks], step);
    }

    /// <summary>A data range widened so it is never empty or NaN.</summary>
    public static (double Min, double Max) SafeRange(IEnumerable<double> values)
    {
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (double v in values)
        {
            if (double.IsFinite(v))
            {
                min = Math.Min(min, v);
                max = Math.Max(max, v);
            }
        }

        if (min > max)
        {
            return (0, 1);
        }

        if (min == max)
        {
            double pad = min == 0 ? 1 : Math.Abs(min) * 0.1;
            return (min - pad, max + pad);
        }

        return (min, max);
    }

    public void Raw(string element) => text.Append(element).Append('\n');

    public void Rect(double x, double y, double width, double height, string fill, string cssClass, string extra = "") =>
        text.Append($"<rect class=\"{cssClass}\" x=\"{Num(x)}\" y=\"{Num(y)}\" width=\"{Num(width)}\" height=\"{Num(height)}\" fill=\"{fill}\"{Extra(extra)}/>\n");

    public void Line(double x1, double y1, double x2, double y2, string stroke, string cssClass, string extra = "") =>
        text.Append($"<line class=\"{cssClass}\" x1=\"{Num(x1)}\" y1=\"{Num(y1)}\" x2=\"{Num(x2)}\" y2=\"{Num(y2)}\" stroke=\"{stroke}\"{Extra(extra)}/>\n");

    public void Circle(double cx, double cy, double r, string fill, string cssClass, string extra = "") =>
        text.Append($"<circle class=\"{cssClass}\" cx=\"{Num(cx)}\" cy=\"{Num(cy)}\" r=\"{Num(r)}\" fill=\"{fill}\"{Extra(extra)}/>\n");

    public void Path(string d, string stroke, string cssClass, string name, string extra = "") =>
        text.Append($"<path class=\"{cssClass}\" data-name=\"{Escape(name)}\" d=\"{d}\" fill=\"none\" stroke=\"{stroke}\"{Extra(extra)}/>\n");

    public void Text(double x, double y, string content, string cssClass, string anchor = "start", string extra = "") =>
        text.Append($"<text class=\"{cssClass}\" x=\"{Num(x)}\" y=\"{Num(y)}\" text-anchor=\"{anchor}\"{Extra(extra)}>{Escape(content)}</text>\n");

    public string Finish() => text.Append("</svg>\n").ToString();

    private static string Extra(string extra) => extra.Length == 0 ? "" : " " + extra;
}
