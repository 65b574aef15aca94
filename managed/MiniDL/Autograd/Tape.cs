namespace MiniDL.Autograd;

/// <summary>
/// A graph recorded once and replayed: "define by run, then replay" (the idea of CUDA graphs and of a static tape).
/// </summary>
/// <remarks>
/// <para>
/// Eager MiniDL builds a new graph on every forward pass: new nodes, new value and gradient buffers, a new
/// topological sort for backward, and <see cref="Node.ReleaseGraph"/> at the end. A training step repeats exactly
/// the same graph with new data, so all of that is the same work done again. A tape keeps it:
/// </para>
/// <list type="number">
/// <item>build the graph once, eagerly, from leaves whose tensors will be refilled (the batch and its targets);</item>
/// <item>record its topological order once (<see cref="Nodes"/>, an array);</item>
/// <item>each step, write the new data into the leaves' tensors <em>in place</em>, then <see cref="Forward"/> runs every
/// node's <see cref="Node.ForwardRule"/> in that order (recomputing each value into its existing buffer), and
/// <see cref="Backward"/> zeroes the intermediate gradients and runs the <see cref="Node.BackwardRule"/>s in reverse.</item>
/// </list>
/// <para>
/// Nothing is allocated per step: the values, gradients and node workspaces (<see cref="Node.Workspace(int, int)"/>)
/// are the ones of the first run. The kernels are the same as eager mode's, in the same order, so a replay gives
/// bit-identical values and gradients to building the graph anew. Per-step state lives in forward rules too: dropout's
/// mask node draws a new mask each replay, batch normalization updates its running statistics.
/// What a tape cannot do is change shape or structure: a graph built for 128 rows replays only 128 rows, and
/// Python-style control flow that depends on values (an <c>if</c> on a loss) is frozen at recording time.
/// </para>
/// </remarks>
public sealed class Tape
{
    private readonly Node[] _order;

    /// <summary>Records the graph that <paramref name="output"/> was computed by (already run once, eagerly).</summary>
    /// <param name="output">The graph's output, e.g. the loss.</param>
    /// <exception cref="ArgumentException">A node with inputs has no <see cref="Node.ForwardRule"/>, so it cannot be replayed.</exception>
    public Tape(Node output)
    {
        ArgumentNullException.ThrowIfNull(output);
        _order = [.. output.TopologicalOrder()];
        foreach (var node in _order)
        {
            if (node.Inputs.Count > 0 && node.ForwardRule is null)
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

    /// <summary>
    /// Recomputes every value from the leaves' current values: each node's forward rule, in topological order.
    /// Leaves (parameters, data) have no rule and keep whatever was written into them.
    /// </summary>
    public void Forward()
    {
        foreach (var node in _order)
        {
            node.ForwardRule?.Invoke();
        }
    }

    /// <summary>
    /// Backpropagation from the scalar output, as <see cref="Node.Backward()"/> but over the recorded order: the
    /// gradients of the intermediate nodes are set back to zero (their buffers are kept), <c>∂J/∂J = 1</c> is seeded,
    /// and the backward rules run in reverse. Leaves' gradients accumulate as in eager mode (lecture 7's copy rule):
    /// zero them first (<c>Optimizer.ZeroGrad</c>) for a fresh gradient.
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
            if (node.Inputs.Count > 0)
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
