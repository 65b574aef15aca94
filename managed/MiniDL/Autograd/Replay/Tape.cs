namespace MiniDL.Autograd;

/// <summary>
/// A graph recorded once and evaluated again on new data ("define by run, then replay"; docs/replay.md): the
/// topological order is kept, and each step recomputes every value and gradient into the buffers of the first run.
/// </summary>
public sealed class Tape
{
    private readonly Node[] _order;

    /// <summary>Records the graph that <paramref name="output"/> was computed by (already run once, eagerly).</summary>
    /// <param name="output">The graph's output, e.g. the loss.</param>
    /// <exception cref="ArgumentException">A node with inputs was not made by <see cref="Node.Create"/>, so it has no forward rule to replay.</exception>
    public Tape(Node output)
    {
        ArgumentNullException.ThrowIfNull(output);
        _order = [.. output.TopologicalOrder()];
        foreach (var node in _order)
        {
            if (node.Inputs.Count > 0 && !node.CanReplay)
            {
                throw new ArgumentException($"Tape: node '{node.Op}' {node.ShapeText} has no forward rule, so the graph cannot be replayed.", nameof(output));
            }
        }

        Output = output;
        output.RecordedOrder = _order;
    }

    /// <summary>The recorded output.</summary>
    public Node Output { get; }

    /// <summary>Every node of the graph, inputs before the nodes that use them (the recorded topological order).</summary>
    public IReadOnlyList<Node> Nodes => _order;

    /// <summary>Recomputes every value from the leaves' current values, in topological order (leaves keep what was written into them).</summary>
    public void Forward()
    {
        foreach (var node in _order)
        {
            node.RunForwardRule();
        }
    }

    /// <summary>Backpropagation from the scalar output (<see cref="Node.Backward()"/>, over the recorded order).</summary>
    /// <exception cref="InvalidOperationException">The output is not 1×1.</exception>
    public void Backward() => Output.Backward();

    /// <summary>Releases the intermediate buffers (<see cref="Node.ReleaseGraph"/>); the tape cannot be replayed afterwards.</summary>
    public void Release() => Output.ReleaseGraph();
}
