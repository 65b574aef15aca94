using System.Text.Json;
using System.Xml.Linq;

namespace MiniDL.Tests.Cli;

[TestFixture]
public class GraphCommandTests : CliTestBase
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static List<XElement> NodeGroups(string file)
        => XDocument.Load(file).Descendants(Svg + "g").Where(g => (string?)g.Attribute("class") == "node").ToList();

    [Test]
    public void Run_SigmoidNeuronOut_WritesSvgWithTheLecturesNumbers()
    {
        var file = Path.Combine(Dir, "g.svg");

        var (exit, stdout, stderr) = Run("graph", "sigmoid-neuron", "--out", file);

        Assert.That(exit, Is.EqualTo(0), stderr);
        Assert.That(stdout, Does.Contain("wrote " + file));
        var texts = XDocument.Load(file).Descendants(Svg + "text").Select(t => t.Value).ToList();
        Assert.That(NodeGroups(file), Has.Count.EqualTo(13));
        Assert.That(texts, Is.SupersetOf(new[]
        {
            "a0", "a1", "a2", "a3", "a4", "a5", "a6", "= 1.37", "= 0.73", "∂f/∂a6 = -0.53",
            "∂f/∂w0 = -0.20", "∂f/∂w1 = -0.39", "∂f/∂w2 = 0.20", "∂f/∂x0 = 0.39", "∂f/∂x1 = -0.59",
        }));
    }

    [TestCase("product", 3)]
    [TestCase("sum-product", 5)]
    public void Run_LessonGraph_WritesItsNodes(string name, int nodes)
    {
        var file = Path.Combine(Dir, name + ".svg");

        var (exit, _, stderr) = Run("graph", name, "--out", file);

        Assert.That(exit, Is.EqualTo(0), stderr);
        Assert.That(NodeGroups(file), Has.Count.EqualTo(nodes));
    }

    [Test]
    public void Run_NoOut_PrintsDot()
    {
        var (exit, stdout, _) = Run("graph", "product");

        Assert.That(exit, Is.EqualTo(0));
        Assert.That(stdout, Does.StartWith("digraph "));
        Assert.That(stdout, Does.Contain("\"n0\" -> \"n2\";").And.Contain("\"n1\" -> \"n2\";"));
    }

    [Test]
    public void Run_OutDotFile_WritesDot()
    {
        var file = Path.Combine(Dir, "g.dot");

        var (exit, _, stderr) = Run("graph", "sum-product", "--out", file);

        Assert.That(exit, Is.EqualTo(0), stderr);
        Assert.That(File.ReadAllText(file), Does.StartWith("digraph "));
    }

    [Test]
    public void Run_MlpFused_FewerNodesThanUnfused()
    {
        var plain = Path.Combine(Dir, "mlp.svg");
        var fused = Path.Combine(Dir, "mlp-fused.svg");

        var (plainExit, _, plainErr) = Run("graph", "mlp", "--out", plain);
        var (fusedExit, _, fusedErr) = Run("graph", "mlp", "--fused", "--out", fused);

        Assert.That(plainExit, Is.EqualTo(0), plainErr);
        Assert.That(fusedExit, Is.EqualTo(0), fusedErr);
        var plainOps = NodeGroups(plain).Select(g => (string)g.Attribute("data-op")!).ToList();
        var fusedOps = NodeGroups(fused).Select(g => (string)g.Attribute("data-op")!).ToList();
        Assert.That(fusedOps, Has.Count.EqualTo(plainOps.Count - 1), "the hidden layer's add-bias and tanh are one node");
        Assert.That(plainOps, Does.Contain("tanh"));
        Assert.That(fusedOps, Does.Not.Contain("tanh"));
    }

    [Test]
    public void Run_Json_NodesEdgesValuesAndGradients()
    {
        var file = Path.Combine(Dir, "g.svg");

        var (exit, stdout, stderr) = Run("graph", "sigmoid-neuron", "--json", "--out", file);

        Assert.That(exit, Is.EqualTo(0), stderr);
        Assert.That(File.Exists(file), Is.True);
        using var json = JsonDocument.Parse(stdout);
        var root = json.RootElement;
        var nodes = root.GetProperty("nodes").EnumerateArray().ToDictionary(n => n.GetProperty("name").GetString()!);
        var a6 = nodes["a6"];
        Assert.Multiple(() =>
        {
            Assert.That(root.GetProperty("graph").GetString(), Is.EqualTo("sigmoid-neuron"));
            Assert.That(root.GetProperty("file").GetString(), Is.EqualTo(file));
            Assert.That(nodes, Has.Count.EqualTo(13));
            Assert.That(root.GetProperty("edges").GetArrayLength(), Is.EqualTo(12));
            Assert.That(a6.GetProperty("op").GetString(), Is.Not.Empty);
            Assert.That(a6.GetProperty("value")[0].GetDouble(), Is.EqualTo(1.37).Within(0.005));
            Assert.That(a6.GetProperty("grad")[0].GetDouble(), Is.EqualTo(-0.53).Within(0.005));
            Assert.That(nodes["x1"].GetProperty("grad")[0].GetDouble(), Is.EqualTo(-0.59).Within(0.005));
        });
    }

    // A bad command line: exit 2 (a usage error), and the error says what is wrong.
    [TestCase("graph product --backend no-such-backend", TestName = "Run_UnknownBackend_Exit2")]
    [TestCase("graph no-such-graph", "unknown graph 'no-such-graph'", "sigmoid-neuron", TestName = "Run_UnknownName_Exit2ListingTheGraphs")]
    [TestCase("graph", "usage: minidl graph", TestName = "Run_NoName_Exit2WithUsage")]
    [TestCase("graph product --fused", "--fused", TestName = "Run_FusedOnLessonGraph_Exit2")]
    public void Run_BadCommandLine_Exit2Saying(string commandLine, params string[] fragments) => AssertExitSaying(commandLine, 2, fragments);

    [Test]
    public void Run_Help_Exit0ListsEveryGraph()
    {
        var (exit, stdout, _) = Run("graph", "--help");

        Assert.That(exit, Is.EqualTo(0));
        Assert.That(stdout, Does.Contain("sigmoid-neuron").And.Contain("product").And.Contain("sum-product").And.Contain("mlp"));
    }

    [Test]
    public void Run_MinidlHelp_ListsGraphCommand()
    {
        var (exit, stdout, _) = Run("help");

        Assert.That(exit, Is.EqualTo(0));
        Assert.That(stdout, Does.Contain("graph"));
    }
}
