using System.Xml.Linq;
using MiniDL.Autograd;
using MiniDL.Autograd.Activations;
using MiniDL.Autograd.Losses;
using MiniDL.Autograd.Nodes;
using MiniDL.Backends;
using MiniDL.Layers;
using MiniDL.Lessons;
using MiniDL.Plotting;

namespace MiniDL.Tests.Plotting;

public class SvgGraphTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    /// <summary>Lesson 7's sigmoid neuron: each node's inputs, by the lecture's names.</summary>
    private static readonly (string Node, string[] Inputs)[] SigmoidNeuronEdges =
    [
        ("a0", ["w0", "x0"]), ("a1", ["w1", "x1"]), ("a2", ["a0", "a1"]), ("a3", ["w2", "a2"]),
        ("a4", ["a3"]), ("a5", ["a4"]), ("a6", ["a5"]), ("f", ["a6"]),
    ];

    private sealed record DrawnNode(string Id, string Title, string[] Values, string[] Gradients, double X, double Y, double Width, double Height);

    private static List<DrawnNode> Nodes(string svg)
    {
        var document = XDocument.Parse(svg);
        Assert.That(document.Root!.Name, Is.EqualTo(Svg + "svg"));
        return document.Descendants(Svg + "g").Where(g => (string?)g.Attribute("class") == "node").Select(g =>
        {
            string[] Texts(string cssClass) => [.. g.Elements(Svg + "text").Where(t => (string?)t.Attribute("class") == cssClass).Select(t => t.Value)];
            var box = g.Elements(Svg + "rect").Single(r => (string?)r.Attribute("class") == "node-box");
            return new DrawnNode(
                (string)g.Attribute("id")!,
                Texts("node-title").Single(),
                Texts("node-value"),
                Texts("node-grad"),
                (double)box.Attribute("x")!,
                (double)box.Attribute("y")!,
                (double)box.Attribute("width")!,
                (double)box.Attribute("height")!);
        }).ToList();
    }

    /// <summary>Each edge as (source title, target title), from the paths' data-name "n0->n5".</summary>
    private static List<(string From, string To)> Edges(string svg, List<DrawnNode> nodes)
    {
        var title = nodes.ToDictionary(n => n.Id, n => n.Title);
        return SvgTestHelpers.WithClass(svg, "path", "edge").Select(p =>
        {
            var ends = ((string)p.Attribute("data-name")!).Split("->");
            return (title[ends[0]], title[ends[1]]);
        }).ToList();
    }

    private static Dictionary<string, DrawnNode> ByTitle(List<DrawnNode> nodes) => nodes.ToDictionary(n => n.Title);

    /// <summary>No two drawn nodes overlap: every pair lies apart along x or along y (a node is named by <paramref name="label"/>).</summary>
    private static void AssertNoTwoOverlap(List<DrawnNode> nodes, Func<DrawnNode, string> label)
    {
        for (int i = 0; i < nodes.Count; i++)
        {
            for (int j = i + 1; j < nodes.Count; j++)
            {
                var (a, b) = (nodes[i], nodes[j]);
                bool apart = a.X + a.Width <= b.X || b.X + b.Width <= a.X || a.Y + a.Height <= b.Y || b.Y + b.Height <= a.Y;
                Assert.That(apart, Is.True, $"{label(a)} and {label(b)} overlap");
            }
        }
    }

    [Test]
    public void Render_SigmoidNeuron_DrawsLectureNodesAndEdges()
    {
        string svg = SvgGraph.Render(WorkedExamples.SigmoidNeuronGraph(ReferenceBackend.Instance), "sigmoid neuron");
        var nodes = Nodes(svg);

        Assert.That(nodes.Select(n => n.Title), Is.EquivalentTo(new[] { "w0", "x0", "w1", "x1", "w2", "a0", "a1", "a2", "a3", "a4", "a5", "a6", "f" }));
        var expected = SigmoidNeuronEdges.SelectMany(e => e.Inputs.Select(i => (i, e.Node))).ToList();
        Assert.That(Edges(svg, nodes), Is.EquivalentTo(expected));
    }

    [Test]
    public void Render_SigmoidNeuron_ShowsTheLecturesValuesAndGradients()
    {
        var node = ByTitle(Nodes(SvgGraph.Render(WorkedExamples.SigmoidNeuronGraph(ReferenceBackend.Instance))));

        Assert.Multiple(() =>
        {
            Assert.That(node["a6"].Values, Is.EqualTo(new[] { "= 1.37" }));
            Assert.That(node["f"].Values, Is.EqualTo(new[] { "= 0.73" }));
            Assert.That(node["a6"].Gradients, Is.EqualTo(new[] { "∂f/∂a6 = -0.53" }));
            Assert.That(node["a5"].Gradients, Is.EqualTo(new[] { "∂f/∂a5 = -0.53" }));
            Assert.That(node["w0"].Gradients, Is.EqualTo(new[] { "∂f/∂w0 = -0.20" }));
            Assert.That(node["w1"].Gradients, Is.EqualTo(new[] { "∂f/∂w1 = -0.39" }));
            Assert.That(node["w2"].Gradients, Is.EqualTo(new[] { "∂f/∂w2 = 0.20" }));
            Assert.That(node["x0"].Gradients, Is.EqualTo(new[] { "∂f/∂x0 = 0.39" }));
            Assert.That(node["x1"].Gradients, Is.EqualTo(new[] { "∂f/∂x1 = -0.59" }));
        });
    }

    [Test]
    public void Render_SigmoidNeuron_InputsLeftOutputRightAndNoBoxesOverlap()
    {
        var nodes = Nodes(SvgGraph.Render(WorkedExamples.SigmoidNeuronGraph(ReferenceBackend.Instance)));
        var node = ByTitle(nodes);
        var inputs = new[] { "w0", "x0", "w1", "x1", "w2" };

        Assert.Multiple(() =>
        {
            Assert.That(inputs.Select(i => node[i].X + node[i].Width / 2).Distinct().Count(), Is.EqualTo(1), "the inputs share the first column");
            Assert.That(nodes.Where(n => !inputs.Contains(n.Title)).Select(n => n.X), Is.All.GreaterThan(node["w0"].X + node["w0"].Width));
            Assert.That(nodes.Select(n => n.X).Max(), Is.EqualTo(node["f"].X), "f is in the last column");
            Assert.That(inputs.Select(i => node[i].Y), Is.Ordered.Ascending, "top to bottom as on the slide: w0, x0, w1, x1, w2");
            foreach (var (name, inputNames) in SigmoidNeuronEdges)
            {
                foreach (var input in inputNames)
                {
                    Assert.That(node[input].X + node[input].Width, Is.LessThan(node[name].X), $"{input} → {name} points right");
                }
            }

            AssertNoTwoOverlap(nodes, n => n.Title);
        });
    }

    [Test]
    public void Render_ModelWithBatchNorm_EveryNodeEdgesRightNoOverlap()
    {
        var model = Sequential.Mlp([4, 8, 8, 3], Activation.Relu, seed: 1, batchNorm: true);
        var x = Node.Constant(Tensor.FromArray([.. Enumerable.Range(0, 32).Select(i => (double)(i % 7))], 8, 4), "X");
        var y = Node.Constant(Tensor.FromArray([.. Enumerable.Range(0, 24).Select(i => i % 3 == i / 3 % 3 ? 1.0 : 0)], 8, 3), "Y");
        var loss = SoftmaxCrossEntropy.Forward(model.Forward(x), y);
        loss.Backward();

        string svg = SvgGraph.Render(loss, "model", inputsInFirstColumn: false);
        var nodes = Nodes(svg);
        var byId = nodes.ToDictionary(n => n.Id);
        var edges = SvgTestHelpers.WithClass(svg, "path", "edge").Select(p => ((string)p.Attribute("data-name")!).Split("->")).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(nodes, Has.Count.EqualTo(loss.TopologicalOrder().Count));
            Assert.That(edges, Has.Count.EqualTo(loss.TopologicalOrder().Sum(n => n.Inputs.Count)));
            Assert.That(edges.All(e => byId[e[0]].X + byId[e[0]].Width < byId[e[1]].X), Is.True, "every edge points right");
            AssertNoTwoOverlap(nodes, n => n.Id);
        });
    }

    [Test]
    public void Render_TensorOverSixElements_ShowsShapeButNoValue()
    {
        var x = Node.Leaf(Tensor.FromRows([[1.0, 2, 3, 4], [5, 6, 7, 8]]), "X");
        var b = Node.Leaf(Tensor.FromArray([0.5, -0.5, 1.5], 1, 3), "b");
        var sumX = Sum.Forward(x);
        sumX.Name = "Σx";
        var loss = Add.Forward(sumX, Sum.Forward(b));
        loss.Name = "L";
        loss.Backward();

        var svg = SvgGraph.Render(loss);
        var node = ByTitle(Nodes(svg));

        Assert.Multiple(() =>
        {
            Assert.That(node["X"].Values, Is.Empty);
            Assert.That(node["X"].Gradients, Is.Empty);
            Assert.That(node["b"].Values, Is.EqualTo(new[] { "= [0.50, -0.50, 1.50]" }));
            Assert.That(node["b"].Gradients, Is.EqualTo(new[] { "∂L/∂b = [1.00, 1.00, 1.00]" }));
            var details = SvgTestHelpers.WithClass(svg, "text", "node-detail").Select(t => t.Value).ToList();
            Assert.That(details, Does.Contain("leaf · 2×4"));
            Assert.That(details, Does.Contain("sum · 1×1"));
        });
    }

    [Test]
    public void Render_MatrixValue_OneLinePerRowAligned()
    {
        var w = Node.Leaf(Tensor.FromRows([[1.0, -2], [3, 4]]), "W");
        var loss = Sum.Forward(w);
        loss.Name = "L";
        loss.Backward();

        var node = ByTitle(Nodes(SvgGraph.Render(loss)));

        Assert.That(node["W"].Values, Is.EqualTo(new[] { "= [1.00, -2.00]", "  [3.00, 4.00]" }));
        Assert.That(node["W"].Gradients, Is.EqualTo(new[] { "∂L/∂W = [1.00, 1.00]", "        [1.00, 1.00]" }));
    }

    [Test]
    public void Render_NoBackwardAndUnnamedNodes_ShowsOperationAndNoGradient()
    {
        var x = Node.Leaf(Tensor.Scalar(2.0));
        var y = Exp.Forward(x);

        var node = ByTitle(Nodes(SvgGraph.Render(y)));

        Assert.Multiple(() =>
        {
            Assert.That(node.Keys, Is.EquivalentTo(new[] { "leaf", "exp" }));
            Assert.That(node["exp"].Values, Is.EqualTo(new[] { "= 7.39" }));
            Assert.That(node["exp"].Gradients, Is.Empty);
        });
    }

    [Test]
    public void Render_SpecialCharactersInNamesAndTitle_StillValidXml()
    {
        var x = Node.Leaf(Tensor.Scalar(1.0), "x<&\"'>");
        var y = Negate.Forward(x);
        y.Name = "y";

        var svg = SvgGraph.Render(y, "a < b & \"c\"");

        Assert.That(ByTitle(Nodes(svg)).Keys, Does.Contain("x<&\"'>"));
    }

    [Test]
    public void Layout_SigmoidNeuron_LongestPathColumnsAndNoCrossings()
    {
        var graph = GraphModel.From(WorkedExamples.SigmoidNeuronGraph(ReferenceBackend.Instance));
        var layout = GraphLayout.Compute([.. graph.Nodes.Select(_ => (80.0, 60.0))], graph.Edges);
        var column = graph.Nodes.Select((n, i) => (n.Name!, layout.Layer[i])).ToDictionary(p => p.Item1, p => p.Item2);

        Assert.Multiple(() =>
        {
            Assert.That(new[] { "w0", "x0", "w1", "x1", "w2" }.Select(n => column[n]), Is.All.EqualTo(0));
            Assert.That(new[] { "a0", "a1", "a2", "a3", "a4", "a5", "a6", "f" }.Select(n => column[n]), Is.EqualTo(new[] { 1, 1, 2, 3, 4, 5, 6, 7 }));
            Assert.That(layout.Crossings, Is.Zero);
            Assert.That(layout.Routes, Has.Count.EqualTo(graph.Edges.Count));
            Assert.That(layout.Routes.Single(r => r.Count > 2), Has.Count.EqualTo(6), "w2 → a3 runs across columns 1 and 2");
        });
    }

    [Test]
    public void Layout_InputsBesideFirstUse_LeafOneColumnLeftOfItsConsumer()
    {
        var graph = GraphModel.From(WorkedExamples.SigmoidNeuronGraph(ReferenceBackend.Instance));
        var layout = GraphLayout.Compute([.. graph.Nodes.Select(_ => (80.0, 60.0))], graph.Edges, inputsInFirstColumn: false);
        var column = graph.Nodes.Select((n, i) => (n.Name!, layout.Layer[i])).ToDictionary(p => p.Item1, p => p.Item2);

        Assert.Multiple(() =>
        {
            Assert.That(column["w2"], Is.EqualTo(column["a3"] - 1));
            Assert.That(column["w0"], Is.Zero);
            Assert.That(layout.Routes.All(r => r.Count == 2), Is.True, "no edge skips a column");
        });
    }

    [Test]
    public void Layout_CrossedInitialOrder_BarycenterUncrosses()
    {
        // Inputs 0, 1 feed 3, 2 respectively: drawn in the given order the two edges cross.
        var layout = GraphLayout.Compute([(50, 30), (50, 30), (50, 30), (50, 30)], [(1, 2), (0, 3)]);

        Assert.That(layout.Crossings, Is.Zero);
    }

    [TestCase(-0.001, "-1.00E-3")]
    [TestCase(0.00149, "1.49E-3")]
    [TestCase(0.0, "0.00")]
    [TestCase(-0.0, "0.00")]
    [TestCase(0.005, "0.01")]
    [TestCase(-0.534, "-0.53")]
    [TestCase(123456.0, "1.23E+5")]
    [TestCase(double.NaN, "NaN")]
    public void Number_Value_PrintedAsTheLectureDoes(double value, string expected)
    {
        Assert.That(NodeLabel.Number(value), Is.EqualTo(expected));
    }

    [Test]
    public void Number_TinyValueInLargerTensor_TwoDecimalsLikeItsTensor()
    {
        Assert.That(NodeLabel.Number(0.00149, scale: 0.16), Is.EqualTo("0.00"));
    }
}
