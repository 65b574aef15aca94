namespace MiniDL.Plotting;

/// <summary>
/// Draws a computational graph as SVG without Graphviz, left to right like lecture 7's slides: inputs in the first
/// column, each node a box with its name (the lecture's variable, e.g. "a3"), its operation and shape, and for tensors of
/// at most six elements its value (green) and its gradient <c>∂f/∂a3</c> (red), as the slide writes them along the edges.
/// </summary>
/// <remarks>
/// Lesson 7 "Neural Network", "Partial Derivative": the sigmoid neuron <c>f = 1/(1 + e^{−(w0 x0 + w1 x1 + w2)})</c> as the
/// graph a0 … a6, forward values and backward gradients on it. The layout is layered (<see cref="GraphLayout"/>); run
/// <c>Backward()</c> on the output first to see the gradients. <see cref="GraphDot"/> writes the same graph for Graphviz.
/// </remarks>
public static class SvgGraph
{
    private const double Padding = 10;
    private const double TitleLine = 18;
    private const double DetailLine = 15;
    private const double NumberLine = 15;
    private const double Margin = 20;
    private const string ValueColour = "#1a7f37";
    private const string GradientColour = "#c62828";

    /// <summary>Renders the graph <paramref name="output"/> was computed from.</summary>
    /// <param name="output">The graph's output (e.g. the loss, or the lecture's f), after <c>Backward()</c> to show gradients.</param>
    /// <param name="title">The picture's title ("" for none).</param>
    /// <param name="inputsInFirstColumn">
    /// True (the slides' layout): every input and parameter in the first column. False: each beside its first use,
    /// shorter edges for a deep model (e.g. a training run's model graph).
    /// </param>
    /// <returns>
    /// The SVG document as text: per node (in topological order, inputs first) a <c>&lt;g class="node" id="n0"&gt;</c>
    /// with a <c>&lt;rect class="node-box"&gt;</c>, <c>&lt;text class="node-title"&gt;</c>, <c>&lt;text class="node-detail"&gt;</c>,
    /// and <c>&lt;text class="node-value"&gt;</c> / <c>&lt;text class="node-grad"&gt;</c> lines; per input use a
    /// <c>&lt;path class="edge" data-name="n0->n5"&gt;</c> arrow.
    /// </returns>
    public static string Render(Node output, string title = "", bool inputsInFirstColumn = true)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(title);
        var graph = GraphModel.From(output);
        var sizes = graph.Labels.Select(BoxSize).ToList();
        var layout = GraphLayout.Compute(sizes, graph.Edges, inputsInFirstColumn);

        double top = title.Length > 0 ? 40 : Margin;
        const double legend = 30;
        int width = (int)Math.Ceiling(Math.Max(layout.Size.Width + 2 * Margin, title.Length * 9 + 2 * Margin));
        int height = (int)Math.Ceiling(top + layout.Size.Height + legend + Margin);
        var svg = new SvgCanvas(Math.Max(width, 320), Math.Max(height, 100), title);
        svg.Raw("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto\">"
            + "<path d=\"M0,0 L10,5 L0,10 z\" fill=\"#555\"/></marker></defs>");

        for (int e = 0; e < graph.Edges.Count; e++)
        {
            var (from, to) = graph.Edges[e];
            var name = $"{GraphModel.Id(from)}->{GraphModel.Id(to)}";
            svg.Path(Curve(layout.Routes[e], Margin, top), "#555", "edge", name, "stroke-width=\"1.3\" marker-end=\"url(#arrow)\"");
        }

        for (int i = 0; i < graph.Nodes.Count; i++)
        {
            DrawNode(svg, graph, i, i == graph.Nodes.Count - 1, layout.Boxes[i], Margin, top);
        }

        double legendY = top + layout.Size.Height + legend;
        svg.Text(Margin, legendY, "value", "legend", extra: $"fill=\"{ValueColour}\"");
        svg.Text(Margin + 45, legendY, "gradient ∂" + (output.Name ?? "output") + "/∂node", "legend", extra: $"fill=\"{GradientColour}\"");
        return svg.Finish();
    }

    private static void DrawNode(SvgCanvas svg, GraphModel graph, int i, bool isOutput, (double X, double Y, double Width, double Height) box, double dx, double dy)
    {
        var node = graph.Nodes[i];
        var label = graph.Labels[i];
        double x = box.X + dx, y = box.Y + dy, centre = x + box.Width / 2;
        svg.Raw($"<g class=\"node\" id=\"{GraphModel.Id(i)}\" data-op=\"{SvgCanvas.Escape(node.Op)}\">");
        svg.Rect(x, y, box.Width, box.Height, GraphModel.Fill(node), "node-box",
            $"rx=\"6\" stroke=\"{(isOutput ? "#333" : "#8a8a8a")}\" stroke-width=\"{(isOutput ? 2 : 1)}\"");
        double baseline = y + Padding + 10;
        svg.Text(centre, baseline, label.Title, "node-title", anchor: "middle", extra: "font-size=\"14\" font-weight=\"bold\"");
        baseline += DetailLine;
        svg.Text(centre, baseline, label.Detail, "node-detail", anchor: "middle", extra: "font-size=\"11\" fill=\"#555\"");
        foreach (var (lines, cssClass, colour) in new[] { (label.Values, "node-value", ValueColour), (label.Gradients, "node-grad", GradientColour) })
        {
            foreach (var line in lines)
            {
                baseline += NumberLine;
                svg.Text(centre, baseline, line, cssClass, anchor: "middle",
                    extra: $"xml:space=\"preserve\" font-family=\"monospace\" fill=\"{colour}\"");
            }
        }

        svg.Raw("</g>");
    }

    // Box size from the text: bold 14 px title ≈ 8.5 px a character, 11 px detail ≈ 6.5 px, 12 px monospace 7.3 px.
    private static (double Width, double Height) BoxSize(NodeLabel label)
    {
        double text = Math.Max(label.Title.Length * 8.5, label.Detail.Length * 6.5);
        foreach (var line in label.Values.Concat(label.Gradients))
        {
            text = Math.Max(text, line.Length * 7.3);
        }

        int numbers = label.Values.Count + label.Gradients.Count;
        return (Math.Max(56, text + 2 * Padding), 2 * Padding + TitleLine + DetailLine - 4 + numbers * NumberLine);
    }

    // The route as a path: straight runs inside columns, and between columns cubic pieces that leave and arrive horizontally.
    private static string Curve(IReadOnlyList<(double X, double Y)> points, double dx, double dy)
    {
        static string P(double x, double y) => SvgCanvas.Num(x) + "," + SvgCanvas.Num(y);
        var d = new System.Text.StringBuilder("M" + P(points[0].X + dx, points[0].Y + dy));
        for (int k = 1; k < points.Count; k++)
        {
            var (x0, y0) = (points[k - 1].X + dx, points[k - 1].Y + dy);
            var (x1, y1) = (points[k].X + dx, points[k].Y + dy);
            double half = (x1 - x0) / 2;
            d.Append(Math.Abs(y1 - y0) < 0.01 ? $" L{P(x1, y1)}" : $" C{P(x0 + half, y0)} {P(x1 - half, y1)} {P(x1, y1)}");
        }

        return d.ToString();
    }
}
