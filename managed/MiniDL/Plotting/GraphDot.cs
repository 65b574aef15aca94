using System.Text;

namespace MiniDL.Plotting;

/// <summary>
/// A computational graph as Graphviz DOT text (<c>dot -Tsvg graph.dot</c> draws it): one box per node with the node's
/// name, operation and shape, and for tensors of at most six elements its value and gradient; one arrow per input,
/// left to right. <see cref="SvgGraph"/> draws the same graph without Graphviz.
/// </summary>
/// <remarks>Lesson 7 "Neural Network", "Partial Derivative": the sigmoid neuron drawn as a graph of a0 … a6.</remarks>
public static class GraphDot
{
    /// <summary>The DOT text of the graph <paramref name="output"/> was computed from.</summary>
    /// <param name="output">The graph's output (e.g. the loss, or the lecture's f).</param>
    /// <param name="title">The graph's name and label ("" for none).</param>
    /// <returns>A <c>digraph</c> with nodes <c>"n0"</c>, <c>"n1"</c>, … in topological order (inputs first).</returns>
    public static string Render(Node output, string title = "")
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(title);
        var graph = GraphModel.From(output);
        var dot = new StringBuilder();
        dot.Append("digraph ").Append(Quote(title.Length > 0 ? title : "graph")).Append(" {\n");
        dot.Append("  rankdir=LR;\n  fontname=\"Helvetica\";\n");
        if (title.Length > 0)
        {
            dot.Append("  label=").Append(Quote(title)).Append(";\n  labelloc=t;\n");
        }

        dot.Append("  node [shape=box, style=\"rounded,filled\", fontname=\"Helvetica\", fontsize=11];\n");
        for (int i = 0; i < graph.Nodes.Count; i++)
        {
            var node = graph.Nodes[i];
            dot.Append("  ").Append(Quote(GraphModel.Id(i)))
               .Append(" [label=").Append(Quote(string.Join("\n", graph.Labels[i].Lines)))
               .Append(", fillcolor=").Append(Quote(GraphModel.Fill(node)))
               .Append(i == graph.Nodes.Count - 1 ? ", penwidth=2" : "").Append("];\n");
        }

        foreach (var (from, to) in graph.Edges)
        {
            dot.Append("  ").Append(Quote(GraphModel.Id(from))).Append(" -> ").Append(Quote(GraphModel.Id(to))).Append(";\n");
        }

        return dot.Append("}\n").ToString();
    }

    /// <summary>A DOT double-quoted string: backslash and quote escaped, line breaks as <c>\n</c> (centred lines).</summary>
    /// <param name="text">The text.</param>
    /// <returns>The quoted text.</returns>
    public static string Quote(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = new StringBuilder(text.Length + 2).Append('"');
        foreach (char c in text)
        {
            switch (c)
            {
                case '\\': result.Append(@"\\"); break;
                case '"': result.Append("\\\""); break;
                case '\n': result.Append(@"\n"); break;
                case '\r': break;
                default: result.Append(c); break;
            }
        }

        return result.Append('"').ToString();
    }
}
