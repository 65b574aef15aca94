using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using MiniDL.Autograd;
using MiniDL.Autograd.Activations;
using MiniDL.Autograd.Losses;
using MiniDL.Autograd.Passes;
using MiniDL.Lessons;
using MiniDL.Plotting;


namespace MiniDL.Cli.Commands;

/// <summary>
/// <c>minidl graph NAME [--fused] [--out FILE] [--backend B] [--json]</c>: draws a computational graph after forward and
/// backward, each node with its name, operation, shape, and for small tensors its value and gradient. Without
/// <c>--out</c> it prints Graphviz DOT; <c>--out FILE.svg</c> writes MiniDL's own SVG drawing (<see cref="SvgGraph"/>),
/// <c>--out FILE.dot</c> the DOT text; <c>--json</c> prints the nodes and edges as JSON instead of DOT.
/// </summary>
public sealed class GraphCommand() : Command("graph", "draw a computational graph with values and gradients (sigmoid-neuron, product, sum-product, mlp)", Table)
{

    /// <summary>The graphs by name, with a one-line description.</summary>
    public static IReadOnlyList<(string Name, string Description)> Graphs { get; } =
    [
        ("sigmoid-neuron", "lesson 7: f = 1/(1 + e^-(w0 x0 + w1 x1 + w2)) as a0 … a6, w0 = 2, x0 = -1, w1 = -3, x1 = -2, w2 = -3"),
        ("product", "lesson 7: f = xy at x = 6, y = -2"),
        ("sum-product", "lesson 7: q = x + y, f = qz at x = -2, y = 5, z = -4"),
        ("mlp", "a 2 → 3 tanh → 2 MLP on the four XOR points with softmax cross-entropy (--fused: add-bias + tanh as one node)"),
    ];

    /// <summary>The option table of this command (drives the parser and the help).</summary>
    public static CommandHelp Table { get; } = new(
        "graph NAME [--fused] [--out FILE.svg|FILE.dot] [--backend NAME] [--json]",
        "Draw a computational graph with values and gradients. Without --out: prints Graphviz DOT; --out FILE.svg draws it (no Graphviz needed).",
        [
            new("fused", OptionKind.Flag, "", "mlp only: add-bias + tanh as one node (the fusion pass)"),
            new("out", OptionKind.Path, "stdout (DOT)", "write FILE.svg or FILE.dot"),
            new("backend", OptionKind.Choice, "reference", "where the numbers are computed") { Choices = TrainOptions.BackendNames },
            new("json", OptionKind.Flag, "", "print one JSON object (nodes, edges, values, gradients)"),
        ],
        ["graph sigmoid-neuron --out sigmoid.svg", "graph mlp --fused"])
    {
        Arguments = [.. Graphs.Select(g => $"{g.Name,-15} {g.Description}")],
    };

    /// <inheritdoc/>
    protected override int Execute(CliArgs args, TextWriter stdout, TextWriter stderr)
    {
        bool fused = args.Flag("fused");
        var outFile = args.String("out");
        var backendName = args.String("backend", "reference")!;
        bool json = args.Flag("json");
        args.RejectUnknown();
        var names = string.Join(", ", Graphs.Select(g => g.Name));
        if (args.Positionals.Count != 1)
        {
            throw new CliException($"name one graph: {names} (usage: minidl {Table.Usage}).");
        }

        var name = args.Positionals[0];
        if (!Graphs.Any(g => g.Name == name))
        {
            throw new CliException($"unknown graph '{name}' (use {names}).");
        }

        if (fused && name != "mlp")
        {
            throw new CliException("--fused applies to the mlp graph only.");
        }

        var extension = outFile is null ? null : Path.GetExtension(outFile).ToLowerInvariant();
        if (extension is not (null or ".svg" or ".dot" or ".gv"))
        {
            throw new CliException($"--out '{outFile}': graph writes .svg, or DOT text to .dot / .gv; name a file with one of those extensions.");
        }

        if (!BackendRegistry.TryCreate(backendName, DType.Float64, out var backend, out var reason))
        {
            throw new CliException(reason);
        }

        var (output, title) = Build(name, fused, backend!);
        if (outFile is not null)
        {
            bool dot = extension != ".svg";
            var directory = Path.GetDirectoryName(Path.GetFullPath(outFile));
            if (directory is not null)
            {
                Directory.CreateDirectory(directory);
            }

            File.WriteAllText(outFile, dot ? GraphDot.Render(output, title) : SvgGraph.Render(output, title));
        }

        if (json)
        {
            stdout.WriteLine(ToJson(name, title, output, outFile));
        }
        else if (outFile is null)
        {
            stdout.Write(GraphDot.Render(output, title));
        }
        else
        {
            stdout.WriteLine($"wrote {outFile}: {title} ({output.TopologicalOrder().Count} nodes)");
        }

        return 0;
    }

    /// <summary>Builds the named graph, runs it forward and backward, and returns its output and a title.</summary>
    /// <param name="name">One of <see cref="Graphs"/>.</param>
    /// <param name="fused">For "mlp": fuse each add-bias with the activation after it.</param>
    /// <param name="backend">Where the graph runs.</param>
    /// <returns>The output node (after <c>Backward()</c>) and the picture's title.</returns>
    public static (Node Output, string Title) Build(string name, bool fused, IBackend backend) => name switch
    {
        "sigmoid-neuron" => (WorkedExamples.SigmoidNeuronGraph(backend), "Lesson 7: sigmoid neuron f = 1/(1 + e^-(w0 x0 + w1 x1 + w2))"),
        "product" => (WorkedExamples.ProductGraph(backend), "Lesson 7: f = xy"),
        "sum-product" => (WorkedExamples.SumProductGraph(backend), "Lesson 7: f = (x + y) z"),
        "mlp" => (Mlp(fused, backend), fused ? "MLP 2 → 3 tanh → 2 on XOR, add-bias + tanh fused" : "MLP 2 → 3 tanh → 2 on XOR, softmax cross-entropy"),
        _ => throw new CliException($"unknown graph '{name}'."),
    };

    /// <summary>
    /// A 2 → 3 tanh → 2 MLP on the four XOR points, softmax cross-entropy loss L, run backward. With
    /// <paramref name="fused"/> each linear layer and its activation run as one add-bias + activation node.
    /// </summary>
    private static Node Mlp(bool fused, IBackend backend)
    {
        var xor = Datasets.Xor();
        var model = Sequential.Mlp([2, 3, 2], Activation.Tanh, seed: 0, backend: backend);
        var x = Node.Constant(Tensor.FromArray(xor.Features, xor.Count, xor.FeatureCount, backend), "X");
        var y = Node.Constant(Tensor.FromArray(Splits.OneHot(xor.Labels, xor.ClassCount), xor.Count, xor.ClassCount, backend), "Y");
        var loss = SoftmaxCrossEntropy.Forward(model.Forward(x), y);
        loss.Name = "L";
        if (fused)
        {
            FuseBiasActivation.Apply(loss); // the named optimization pass over the recorded graph
        }

        loss.Backward();
        return loss;
    }

    /// <summary>
    /// The graph as one JSON object: <c>{graph, title, file, nodes: [{id, name, op, shape, value?, grad?}], edges: [{from, to}]}</c>,
    /// node ids <c>n0, n1, …</c> in topological order as in the DOT and SVG; value and grad only for tensors of at most six
    /// elements (written with <see cref="Utf8JsonWriter"/>, no reflection, so the trimmed CLI keeps working).
    /// </summary>
    /// <param name="name">The graph's name.</param>
    /// <param name="title">The picture's title.</param>
    /// <param name="output">The output node.</param>
    /// <param name="file">The file written, or null.</param>
    public static string ToJson(string name, string title, Node output, string? file)
    {
        ArgumentNullException.ThrowIfNull(output);
        var nodes = output.TopologicalOrder();
        var id = new Dictionary<Node, string>(ReferenceEqualityComparer.Instance);
        for (int i = 0; i < nodes.Count; i++)
        {
            id[nodes[i]] = "n" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteString("graph", name);
            writer.WriteString("title", title);
            writer.WriteString("file", file);
            writer.WriteStartArray("nodes");
            foreach (var node in nodes)
            {
                writer.WriteStartObject();
                writer.WriteString("id", id[node]);
                writer.WriteString("name", node.Name);
                writer.WriteString("op", node.Op);
                writer.WriteStartArray("shape");
                writer.WriteNumberValue(node.Rows);
                writer.WriteNumberValue(node.Columns);
                writer.WriteEndArray();
                if (node.Value.Length <= 6)
                {
                    WriteNumbers(writer, "value", node.Value);
                    if (node.Grad is not null)
                    {
                        WriteNumbers(writer, "grad", node.Grad);
                    }
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteStartArray("edges");
            foreach (var node in nodes)
            {
                foreach (var input in node.Inputs)
                {
                    writer.WriteStartObject();
                    writer.WriteString("from", id[input]);
                    writer.WriteString("to", id[node]);
                    writer.WriteEndObject();
                }
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    // Row-major elements; JSON has no NaN or infinity, so those are written as null.
    private static void WriteNumbers(Utf8JsonWriter writer, string name, Tensor tensor)
    {
        writer.WriteStartArray(name);
        foreach (var v in tensor.ToArray())
        {
            if (double.IsFinite(v))
            {
                writer.WriteNumberValue(v);
            }
            else
            {
                writer.WriteNullValue();
            }
        }

        writer.WriteEndArray();
    }
}
