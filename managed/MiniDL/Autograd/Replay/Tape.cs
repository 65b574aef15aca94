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

    /// <summary>
    /// Backpropagation from the scalar output, as <see cref="Node.Backward()"/> over the recorded order: intermediate
    /// gradients are set back to zero (buffers kept), <c>∂J/∂J = 1</c> is seeded, the backward rules run in reverse.
    /// Leaves' gradients accumulate (zero them first, <c>Optimizer.ZeroGrad</c>).
    /// </summary>
    /// <exception cref="InvalidOperationException">The output is not 1×1.</exception>
    public void Backward()
    {
        if (Output.Value.Length != 1)
        {
            throw new InvalidOperationException($"Tape.Backward: output '{Output.Op}' has shape {Output.ShapeText}; backpropagation starts from a scalar.");
        }

        foreach (var node in _order)
        {
            if (!node.IsLeaf)
            {
                node.ZeroOwnGrad();
            }
        }

        Output.Backend.Fill(Output.GradOrZeros.Storage, 1.0);
        for (int i = _order.Length - 1; i >= 0; i--)
        {
            _order[i].RunBackwardRule();
        }
    }

    /// <summary>Releases the intermediate buffers (<see cref="Node.ReleaseGraph"/>); the tape cannot be replayed afterwards.</summary>
    public void Release() => Output.ReleaseGraph();
}
