namespace MiniDL.Autograd;

/// <summary>How a node type makes its nodes, and the tensors a node keeps for its backward rule.</summary>
public sealed partial class Node
{
    private List<(string Name, int Index, Tensor Tensor)>? _saved;

    /// <summary>
    /// Makes a node of type <paramref name="op"/>: runs <paramref name="forward"/> once to fill
    /// <paramref name="value"/> from the inputs, and keeps <paramref name="backward"/> as the node's backward rule.
    /// Every node type calls this; the graph can then be evaluated again on new data (docs/replay.md).
    /// </summary>
    /// <param name="op">The node type's name, e.g. "matmul".</param>
    /// <param name="value">Y's buffer (zero-filled), shaped by the node type.</param>
    /// <param name="inputs">The nodes Y is computed from.</param>
    /// <param name="forward">Writes Y = f(inputs) into the node's <see cref="Value"/>.</param>
    /// <param name="backward">Reads the node's <see cref="Grad"/> and adds each input's share (<c>+=</c>); null for a node no gradient passes through.</param>
    /// <param name="attribute">The node type's constant, e.g. Leaky ReLU's γ or ELU's α (0 when it has none).</param>
    /// <returns>The node, its value computed.</returns>
    public static Node Create(string op, Tensor value, Node[] inputs, Action<Node> forward, Action<Node>? backward, double attribute = 0)
    {
        ArgumentNullException.ThrowIfNull(forward);
        var node = new Node(value, op, inputs) { Attribute = attribute, _forward = forward };
        if (backward is not null)
        {
            node.BackwardRule = () => backward(node);
        }

        forward(node);
        return node;
    }

    /// <summary>The node type's constant (Leaky ReLU's γ, ELU's α); 0 when it has none.</summary>
    public double Attribute { get; private init; }

    /// <summary>
    /// A tensor this node keeps between its forward and its backward ("saved for backward", e.g. softmax's
    /// probabilities, or a column of ones): made zero-filled (or filled with <paramref name="fill"/>) the first time it is
    /// asked for, the same tensor on every later call, released with the node's value.
    /// </summary>
    /// <param name="name">The tensor's name within this node.</param>
    /// <param name="rows">Rows.</param>
    /// <param name="columns">Columns.</param>
    /// <param name="fill">The value of every element when it is made.</param>
    /// <returns>The tensor, on this node's backend.</returns>
    public Tensor Saved(string name, int rows, int columns, double fill = 0) => Saved(name, 0, rows, columns, fill);

    /// <summary>The <paramref name="index"/>-th of several saved tensors called <paramref name="name"/> (see <see cref="Saved(string, int, int, double)"/>).</summary>
    /// <param name="name">The tensors' name within this node.</param>
    /// <param name="index">Which one.</param>
    /// <param name="rows">Rows.</param>
    /// <param name="columns">Columns.</param>
    /// <param name="fill">The value of every element when it is made.</param>
    /// <returns>The tensor, on this node's backend.</returns>
    public Tensor Saved(string name, int index, int rows, int columns, double fill = 0)
    {
        var saved = _saved ??= [];
        for (int i = 0; i < saved.Count; i++)
        {
            if (saved[i].Index == index && string.Equals(saved[i].Name, name, StringComparison.Ordinal))
            {
                return saved[i].Tensor;
            }
        }

        var t = Tensor.Zeros(rows, columns, Backend);
        if (fill != 0)
        {
            Backend.Fill(t.Storage, fill);
        }

        saved.Add((name, index, t));
        return t;
    }

    /// <summary>Releases this node's value, gradient and saved tensors.</summary>
    private void ReleaseBuffers()
    {
        ClearGrad();
        Value.Dispose();
        if (_saved is not null)
        {
            foreach (var s in _saved)
            {
                s.Tensor.Dispose();
            }

            _saved = null;
        }
    }
}
