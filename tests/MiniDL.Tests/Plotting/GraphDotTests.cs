using System.Text.RegularExpressions;
using MiniDL.Autograd;
using MiniDL.Autograd.Nodes;
using MiniDL.Backends;
using MiniDL.Lessons;
using MiniDL.Plotting;

namespace MiniDL.Tests.Plotting;

public partial class GraphDotTests
{
    [GeneratedRegex("""^  "(?<id>n\d+)" \[label="(?<label>(?:[^"\\]|\\.)*)", fillcolor="#[0-9a-f]{6}"(?:, penwidth=2)?\];$""", RegexOptions.Multiline)]
    private static partial Regex NodeLine();

    [GeneratedRegex("""^  "(?<from>n\d+)" -> "(?<to>n\d+)";$""", RegexOptions.Multiline)]
    private static partial Regex EdgeLine();

    /// <summary>The node statements as id → label lines (DOT escapes undone), and the edges.</summary>
    private static (Dictionary<string, string[]> Labels, List<(string From, string To)> Edges) Parse(string dot)
    {
        var labels = NodeLine().Matches(dot).ToDictionary(
            m => m.Groups["id"].Value,
            m => Regex.Replace(m.Groups["label"].Value, @"\\(.)", e => e.Groups[1].Value == "n" ? "\n" : e.Groups[1].Value).Split('\n'));
        var edges = EdgeLine().Matches(dot).Select(m => (m.Groups["from"].Value, m.Groups["to"].Value)).ToList();
        return (labels, edges);
    }

    [Test]
    public void Render_SigmoidNeuron_NodesEdgesAndLectureNumbers()
    {
        string dot = GraphDot.Render(WorkedExamples.SigmoidNeuronGraph(ReferenceBackend.Instance), "sigmoid neuron");
        var (labels, edges) = Parse(dot);
        var title = labels.ToDictionary(l => l.Key, l => l.Value[0]);
        var byTitle = labels.Values.ToDictionary(l => l[0]);

        Assert.Multiple(() =>
        {
            Assert.That(dot, Does.StartWith("digraph \"sigmoid neuron\" {\n  rankdir=LR;\n"));
            Assert.That(dot.TrimEnd(), Does.EndWith("}"));
            Assert.That(labels, Has.Count.EqualTo(13));
            Assert.That(edges.Select(e => (title[e.From], title[e.To])), Is.EquivalentTo(new[]
            {
                ("w0", "a0"), ("x0", "a0"), ("w1", "a1"), ("x1", "a1"), ("a0", "a2"), ("a1", "a2"),
                ("w2", "a3"), ("a2", "a3"), ("a3", "a4"), ("a4", "a5"), ("a5", "a6"), ("a6", "f"),
            }));
            Assert.That(byTitle["a6"], Does.Contain("= 1.37").And.Contain("∂f/∂a6 = -0.53"));
            Assert.That(byTitle["f"], Does.Contain("= 0.73"));
            Assert.That(byTitle["w0"], Does.Contain("∂f/∂w0 = -0.20"));
            Assert.That(byTitle["w1"], Does.Contain("∂f/∂w1 = -0.39"));
            Assert.That(byTitle["w2"], Does.Contain("∂f/∂w2 = 0.20"));
            Assert.That(byTitle["x0"], Does.Contain("∂f/∂x0 = 0.39"));
            Assert.That(byTitle["x1"], Does.Contain("∂f/∂x1 = -0.59"));
        });
    }

    [Test]
    public void Render_NodeIds_TopologicalOrderOutputLast()
    {
        var (labels, edges) = Parse(GraphDot.Render(WorkedExamples.SumProductGraph(ReferenceBackend.Instance)));
        static int Index(string id) => int.Parse(id[1..], System.Globalization.CultureInfo.InvariantCulture);

        Assert.Multiple(() =>
        {
            Assert.That(labels.Keys.Select(Index), Is.EquivalentTo(Enumerable.Range(0, 5)));
            Assert.That(labels["n4"][0], Is.EqualTo("f"));
            Assert.That(edges.All(e => Index(e.From) < Index(e.To)), Is.True, "inputs come before the nodes that use them");
        });
    }

    [Test]
    public void Render_QuotesAndBackslashesInNames_Escaped()
    {
        var x = Node.Leaf(Tensor.Scalar(1.0), "say \"hi\" \\ bye");
        var y = Negate.Forward(x);

        string dot = GraphDot.Render(y, "title \"q\"");
        var (labels, _) = Parse(dot);

        Assert.Multiple(() =>
        {
            Assert.That(dot, Does.StartWith("digraph \"title \\\"q\\\"\" {"));
            Assert.That(labels.Values.Select(l => l[0]), Does.Contain("say \"hi\" \\ bye"));
        });
    }

    [Test]
    public void Quote_SpecialCharacters_Escaped()
    {
        Assert.That(GraphDot.Quote("a\"b\\c\nd\re"), Is.EqualTo("\"a\\\"b\\\\c\\nde\""));
    }
}
