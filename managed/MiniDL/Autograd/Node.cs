namespace MiniDL.Autograd;

/// <summary>
/// One value of lecture 7's computational graph: the tensor a node computed (<see cref="Value"/>), the
/// gradient <c>∇ = ∂J/∂Value</c> that backpropagation accumulates into it (<see cref="Grad"/>, same shape),
/// the nodes it was computed from, and the rule that sends its gradient back to them.
/// </summary>
/// <remarks>
/// Lesson 7 "Neural Network", "Backpropagation algorithm" ("Multivariable Chain Rule": <c>∂z/∂x = Σₖ ∂z/∂yₖ · ∂yₖ/∂x</c>
/// over the uses yₖ of x). Each node type lives in its own file under
/// Autograd/Nodes/ with its backward right under its forward (micrograd's layout) and makes its nodes with
/// <see cref="Create"/>. Backward always <em>accumulates</em> (<c>+=</c>) into an input's gradient: lecture 7's copy
/// rule <c>∇X = Σₖ ∇Yₖ</c> ("Copy Node"), so a value used by several nodes receives the sum of their gradients.
/// </remarks>
public sealed partial class Node
{
    private Tensor? _grad;

    /// <summary>
    /// Creates a node from a value already computed (a custom node; it cannot be recorded and replayed). Node types
    /// call <see cref="Create"/>; users call <see cref="Leaf"/> or <see cref="Constant"/>.
    /// </summary>
    /// <param name="value">The forward value.</param>
    /// <param name="op">The node type's name, e.g. "matmul".</param>
    /// <param name="inputs">The nodes <paramref name="value"/> was computed from.</param>
    /// <param name="requiresGrad">Whether a gradient flows into this node; derived nodes need one when any input does.</param>
    public Node(Tensor value, string op, Node[] inputs, bool? requiresGrad = null)
    {
        Value = value;
        Op = op;
        Inputs = inputs;
        RequiresGrad = requiresGrad ?? inputs.Any(i => i.RequiresGrad);
    }

    /// <summary>A parameter or input that gradients flow into (a graph leaf).</summary>
    public static Node Leaf(Tensor value, string? name = null, bool requiresGrad = true)
        => new(value, "leaf", [], requiresGrad) { Name = name, IsLeaf = true };

    /// <summary>A leaf that takes no gradient (data, targets, constants).</summary>
    public static Node Constant(Tensor value, string? name = null) => Leaf(value, name, requiresGrad: false);

    /// <summary>The forward value.</summary>
    public Tensor Value { get; }

    /// <summary>The node type, e.g. "matmul", "add", "leaf".</summary>
    public string Op { get; private set; }

    /// <summary>Whether this node is a leaf of the graph (a parameter or data, made by <see cref="Leaf"/> or <see cref="Constant"/>).</summary>
    public bool IsLeaf { get; private init; }

    /// <summary>An optional name (parameter names such as "fc1.W", lecture variable names such as "a3").</summary>
    public string? Name { get; set; }

    /// <summary>The nodes this one was computed from.</summary>
    public IReadOnlyList<Node> Inputs { get; private set; }

    /// <summary>Whether backpropagation computes <see cref="Grad"/> for this node.</summary>
    public bool RequiresGrad { get; }

    /// <summary>The backend of <see cref="Value"/>.</summary>
    public IBackend Backend => Value.Backend;

    /// <summary>Rows of <see cref="Value"/>.</summary>
    public int Rows => Value.Rows;

    /// <summary>Columns of <see cref="Value"/>.</summary>
    public int Columns => Value.Columns;

    /// <summary>The shape of <see cref="Value"/> as text, for error messages.</summary>
    public string ShapeText => Value.ShapeText;

    /// <summary>
    /// The rule that sends this node's gradient to its inputs (set by the node type). It reads <see cref="Grad"/>
    /// and accumulates into each input's <see cref="GradOrZeros"/>.
    /// </summary>
    public Action? BackwardRule { get; set; }

    /// <summary>
    /// <c>∂J/∂Value</c> after <see cref="Backward()"/>; null until some gradient reached this node. Lesson 7 "Neural
    /// Network", "Quy ước": <c>∇X = [∂J/∂x_ij]</c>, the same shape as X.
    /// </summary>
    public Tensor? Grad => _grad;

    /// <summary>The gradient buffer, allocated zero-filled on first use so that backward rules can <c>+=</c> into it.</summary>
    public Tensor GradOrZeros => _grad ??= Tensor.ZerosLike(Value);

    /// <summary>Sets every gradient reachable from this node back to zero (keeps the buffers).</summary>
    public void ZeroGrad()
    {
        foreach (var node in TopologicalOrder())
        {
            if (node._grad is not null)
            {
                node.Backend.Fill(node._grad.Storage, 0);
            }
        }
    }

    /// <summary>Runs the backward rule if a gradient flows through this node and reached it.</summary>
    internal void RunBackwardRule()
    {
        if (RequiresGrad && _grad is not null)
        {
            BackwardRule?.Invoke();
        }
    }

    /// <summary>Forgets this node's gradient (the next backward starts from zero), releasing its buffer.</summary>
    public void ClearGrad()
    {
        _grad?.Dispose();
        _grad = null;
    }

    /// <summary>
    /// Backpropagation from a scalar objective J (a 1×1 node): every intermediate gradient starts at 0, <c>∂J/∂J = 1</c>
    /// is seeded, and every node's backward rule runs in reverse topological order, so each node's gradient is complete
    /// (all its uses have added their share) before it is passed on. Leaves' gradients accumulate (<c>+=</c>).
    /// </summary>
    public void Backward()
    {
        if (Value.Length != 1)
        {
            throw new InvalidOperationException(
                $"Backward: node '{Op}' has shape {ShapeText}; backpropagation from a non-scalar needs an upstream gradient: Backward(seed).");
        }

        IReadOnlyList<Node> order = RecordedOrder is { } recorded ? recorded : TopologicalOrder(); // a recorded graph keeps its order (docs/replay.md)
        for (int i = 0; i < order.Count; i++)
        {
            if (!order[i].IsLeaf)
            {
                order[i].ZeroOwnGrad();
            }
        }

        Backend.Fill(GradOrZeros.Storage, 1.0); // ∂J/∂J = 1
        RunBackward(order);
    }

    /// <summary>Backpropagation with an upstream gradient <paramref name="seed"/> (same shape as the value).</summary>
    public void Backward(Tensor seed)
    {
        if (!seed.SameShape(Value))
        {
            throw new ArgumentException($"Backward: seed shape {seed.ShapeText} differs from node '{Op}' shape {ShapeText}.", nameof(seed));
        }

        Backend.Axpy(1.0, seed.Storage, GradOrZeros.Storage);
        RunBackward(TopologicalOrder());
    }

    private static void RunBackward(IReadOnlyList<Node> order)
    {
        for (int i = order.Count - 1; i >= 0; i--)
        {
            order[i].RunBackwardRule();
        }
    }

    /// <summary>Sets this node's gradient to zero if it has a buffer (keeps the buffer).</summary>
    private void ZeroOwnGrad()
    {
        if (_grad is not null)
        {
            Backend.Fill(_grad.Storage, 0);
        }
    }

    /// <summary>
    /// Every node this one depends on, inputs before the nodes that use them (an iterative depth-first
    /// search, so deep graphs do not overflow the stack).
    /// </summary>
    public List<Node> TopologicalOrder()
    {
        var order = new List<Node>();
        var visited = new HashSet<Node>(ReferenceEqualityComparer.Instance);
        var stack = new Stack<(Node Node, int Next)>();
        stack.Push((this, 0));
        visited.Add(this);
        while (stack.Count > 0)
        {
            var (node, next) = stack.Pop();
            if (next < node.Inputs.Count)
            {
                stack.Push((node, next + 1));
                var input = node.Inputs[next];
                if (visited.Add(input))
                {
                    stack.Push((input, 0));
                }
            }
            else
            {
                order.Add(node);
            }
        }

        return order;
    }

    /// <summary>
    /// Releases the buffers (value, gradient, saved tensors) of every node reachable from this one except the leaves,
    /// so that native and GPU memory is returned at once instead of at finalization. Training loops call it after each step.
    /// </summary>
    public void ReleaseGraph()
    {
        foreach (var node in TopologicalOrder())
        {
            if (!node.IsLeaf)
            {
                node.ReleaseBuffers();
            }
        }
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Name ?? Op}{ShapeText}";
}
