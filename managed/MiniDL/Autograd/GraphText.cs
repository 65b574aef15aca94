using System.Globalization;
using System.Text;

namespace MiniDL.Autograd;

/// <summary>
/// A graph as text, one node a line, inputs first: <c>%3 = relu(%2)  (4×5)</c>, a node's constant in brackets
/// (<c>%5 = add_constant[1](%4)</c>, <c>leaky_relu[0.1]</c>), to compare a graph before and after a pass.
/// </summary>
public static class GraphText
{
    /// <summary>Writes the nodes of <paramref name="nodes"/> (e.g. <see cref="Node.TopologicalOrder"/>), numbered in order.</summary>
    /// <param name="nodes">The nodes, inputs before the nodes that use them.</param>
    /// <returns>One line per node: its number, its type (or name for a named leaf) and constant, its inputs' numbers, its shape.</returns>
    public static string Format(IEnumerable<Node> nodes)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        var ids = new Dictionary<Node, int>(ReferenceEqualityComparer.Instance);
        var text = new StringBuilder();
        foreach (var node in nodes)
        {
            int id = ids.Count;
            ids[node] = id;
            string inputs = string.Join(", ", node.Inputs.Select(i => ids.TryGetValue(i, out int k) ? "%" + k.ToString(CultureInfo.InvariantCulture) : "?"));
            string constant = node.Attribute == 0 ? "" : "[" + node.Attribute.ToString("G6", CultureInfo.InvariantCulture) + "]";
            string label = node.IsLeaf ? $"leaf {node.Name ?? ""}".TrimEnd() : $"{node.Op}{constant}({inputs})";
            text.Append(CultureInfo.InvariantCulture, $"%{id} = {label}  {node.ShapeText}").Append('\n');
        }

        return text.ToString();
    }
}
