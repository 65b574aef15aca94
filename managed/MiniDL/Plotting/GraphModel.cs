using System.Globalization;

namespace MiniDL.Plotting;

/// <summary>
/// What the graph pictures (<see cref="GraphDot"/>, <see cref="SvgGraph"/>) draw of a computational graph: every node
/// the output depends on, inputs first (<see cref="Node.TopologicalOrder"/>), with ids <c>n0, n1, …</c> in that order,
/// one edge per input use (input → node), and each node's label.
/// </summary>
internal sealed class GraphModel
{
    /// <summary>Tensors with at most this many elements show their value and gradient.</summary>
    public const int MaxShownElements = 6;

    private GraphModel(IReadOnlyList<Node> nodes, IReadOnlyList<(int From, int To)> edges, IReadOnlyList<NodeLabel> labels)
    {
        Nodes = nodes;
        Edges = edges;
        Labels = labels;
    }

    /// <summary>The nodes, inputs before the nodes that use them; the output is last.</summary>
    public IReadOnlyList<Node> Nodes { get; }

    /// <summary>One edge per input of every node, from the input's index to the node's index, in input order.</summary>
    public IReadOnlyList<(int From, int To)> Edges { get; }

    /// <summary>The label of each node.</summary>
    public IReadOnlyList<NodeLabel> Labels { get; }

    /// <summary>A node's fill colour: operations blue, leaves that take a gradient yellow, constants grey.</summary>
    public static string Fill(Node node) => node.Inputs.Count > 0 ? "#e8f0fe" : node.RequiresGrad ? "#fff4d6" : "#eeeeee";

    /// <summary>The id of node <paramref name="index"/> in DOT and SVG.</summary>
    public static string Id(int index) => "n" + index.ToString(CultureInfo.InvariantCulture);

    /// <summary>Collects the graph that <paramref name="output"/> was computed from.</summary>
    public static GraphModel From(Node output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var nodes = output.TopologicalOrder();
        var index = new Dictionary<Node, int>(ReferenceEqualityComparer.Instance);
        for (int i = 0; i < nodes.Count; i++)
        {
            index[nodes[i]] = i;
        }

        var edges = new List<(int, int)>();
        for (int i = 0; i < nodes.Count; i++)
        {
            foreach (var input in nodes[i].Inputs)
            {
                edges.Add((index[input], i));
            }
        }

        return new GraphModel(nodes, edges, [.. nodes.Select(n => NodeLabel.Of(n, output))]);
    }
}

/// <summary>
/// A node's label: <see cref="Title"/> (the lecture's variable name, e.g. "a3", or the operation), <see cref="Detail"/>
/// (operation and shape), and for small tensors its value and its gradient <c>∂f/∂a3</c>, one line per row.
/// </summary>
/// <param name="Title">The name, or the operation when the node has no name.</param>
/// <param name="Detail">"operation · rows×columns" ("leaf" for parameters and inputs, "constant" for leaves without gradient).</param>
/// <param name="Values">The value, "= 1.37" (one line per row; <see cref="Number"/>), empty for tensors of more than six elements.</param>
/// <param name="Gradients">The gradient, "∂f/∂a6 = -0.53", empty when none reached the node or the tensor is large.</param>
internal sealed record NodeLabel(string Title, string Detail, IReadOnlyList<string> Values, IReadOnlyList<string> Gradients)
{
    /// <summary>Every line, in drawing order.</summary>
    public IEnumerable<string> Lines => [Title, Detail, .. Values, .. Gradients];

    /// <summary>The label of <paramref name="node"/> in the graph of <paramref name="output"/>.</summary>
    public static NodeLabel Of(Node node, Node output)
    {
        var value = node.Value;
        string shape = value.Rank == 1
            ? value.Columns.ToString(CultureInfo.InvariantCulture)
            : string.Create(CultureInfo.InvariantCulture, $"{value.Rows}×{value.Columns}");
        string op = node.Op != "leaf" ? node.Op : node.RequiresGrad ? "leaf" : "constant";
        string title = node.Name ?? op;
        string detail = node.Name is null ? shape : $"{op} · {shape}";
        if (value.Length > GraphModel.MaxShownElements || value.Length == 0)
        {
            return new NodeLabel(title, detail, [], []);
        }

        var values = Rows("= ", value.ToArray(), value.Rows, value.Columns);
        var grad = node.Grad;
        string gradientName = node.Name is not null && output.Name is not null ? $"∂{output.Name}/∂{node.Name} = " : "∇ = ";
        var gradients = grad is null ? [] : Rows(gradientName, grad.ToArray(), grad.Rows, grad.Columns);
        return new NodeLabel(title, detail, values, gradients);
    }

    /// <summary>
    /// A number as the lecture prints it, two decimals; in scientific notation when <paramref name="scale"/> (the largest
    /// magnitude of the tensor it belongs to) is below 0.005 or at least 10⁵, so that a tensor prints in one format.
    /// </summary>
    /// <param name="v">The number.</param>
    /// <param name="scale">The largest magnitude of its tensor (the number's own by default).</param>
    public static string Number(double v, double? scale = null)
    {
        if (!double.IsFinite(v))
        {
            return v.ToString(CultureInfo.InvariantCulture);
        }

        double magnitude = scale ?? Math.Abs(v);
        var text = magnitude >= 1e5 || (magnitude > 0 && magnitude < 0.005)
            ? v.ToString("0.00E+0", CultureInfo.InvariantCulture)
            : v.ToString("F2", CultureInfo.InvariantCulture);
        return text == "-0.00" ? "0.00" : text;
    }

    // "= 1.37" for one element; "= [1.00, 2.00]" and "  [3.00, 4.00]" (aligned) for a matrix.
    private static List<string> Rows(string prefix, double[] data, int rows, int columns)
    {
        double scale = data.Where(double.IsFinite).Select(Math.Abs).DefaultIfEmpty(0).Max();
        if (data.Length == 1)
        {
            return [prefix + Number(data[0], scale)];
        }

        var lines = new List<string>(rows);
        for (int r = 0; r < rows; r++)
        {
            var row = string.Join(", ", data.Skip(r * columns).Take(columns).Select(v => Number(v, scale)));
            lines.Add((r == 0 ? prefix : new string(' ', prefix.Length)) + "[" + row + "]");
        }

        return lines;
    }
}
