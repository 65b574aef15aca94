namespace MiniDL.Autograd;

/// <summary>What replaying a recorded graph needs of a node (<see cref="Tape"/>, docs/replay.md).</summary>
public sealed partial class Node
{
    private Action<Node>? _forward;
    private List<Action>? _effects;

    /// <summary>Whether the node can recompute its value (made by <see cref="Create"/>); leaves cannot.</summary>
    internal bool CanReplay => _forward is not null;

    /// <summary>
    /// Adds a side effect of this node's forward (e.g. batch normalization's running statistics): it runs after the
    /// forward every time the recorded graph is evaluated again. The first, eager forward is the caller's to follow.
    /// </summary>
    /// <param name="effect">The side effect.</param>
    public void OnEveryForward(Action effect) => (_effects ??= []).Add(effect);

    /// <summary>Recomputes the value in place from the inputs' current values (the forward given to <see cref="Create"/>).</summary>
    internal void RunForwardRule()
    {
        _forward?.Invoke(this);
        if (_effects is not null)
        {
            for (int i = 0; i < _effects.Count; i++)
            {
                _effects[i]();
            }
        }
    }

    /// <summary>The topological order a <see cref="Tape"/> recorded for the graph this node is the output of (null otherwise).</summary>
    internal Node[]? RecordedOrder { get; set; }

    /// <summary>
    /// Turns this node into another node type over other inputs, keeping its value and gradient buffers (so the nodes
    /// that read it are unchanged): what an optimization pass over a recorded graph does (Autograd/Passes).
    /// </summary>
    internal void Rewrite(string op, Node[] inputs, Action<Node> forward, Action<Node> backward)
    {
        Op = op;
        Inputs = inputs;
        _forward = forward;
        BackwardRule = () => backward(this);
    }

    /// <summary>Releases the buffers of a node that a pass removed from the graph.</summary>
    internal void ReleaseRemoved() => ReleaseBuffers();
}
