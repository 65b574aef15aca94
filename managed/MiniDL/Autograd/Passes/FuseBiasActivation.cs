using MiniDL.Autograd.Activations;
using MiniDL.Autograd.Nodes;

namespace MiniDL.Autograd.Passes;

/// <summary>
/// An optimization pass over a recorded graph: every add-bias node whose only use is an activation node becomes, with
/// it, one <see cref="AddBiasActivation"/> node, <c>Y = f(X + B)</c> — one kernel instead of two, Z never stored.
/// </summary>
/// <remarks>
/// The graph a student builds is lecture 7's (Lesson 7 "Neural Network", "Add Bias Node", then the activation); the
/// pass rewrites it after it has run once, in place: the activation node keeps its value and gradient buffers (the nodes
/// that read it are unchanged) and takes X and B as its inputs; the add-bias node leaves the graph and its buffers are
/// released. Values and gradients are those of the unfused graph (bit-identical on the reference backend; the
/// derivation of f′ from y is in <see cref="AddBiasActivation"/>). docs/replay.md describes where training applies it.
/// </remarks>
public static class FuseBiasActivation
{
    /// <summary>Fuses every add-bias + activation pair of the graph that computed <paramref name="output"/>.</summary>
    /// <param name="output">The graph's output (e.g. the loss), already computed once.</param>
    /// <returns>The rewritten graph's nodes in topological order (inputs first).</returns>
    public static IReadOnlyList<Node> Apply(Node output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var order = output.TopologicalOrder();
        var uses = new Dictionary<Node, int>(ReferenceEqualityComparer.Instance);
        foreach (var node in order)
        {
            foreach (var input in node.Inputs)
            {
                uses[input] = uses.GetValueOrDefault(input) + 1;
            }
        }

        bool changed = false;
        foreach (var f in order)
        {
            if (f.Inputs.Count == 1
                && f.Inputs[0] is { Op: "add_bias" } z
                && uses[z] == 1
                && ActivationOf(f.Op) is { } kind
                && AddBiasActivation.CanFuse(kind, f.Attribute))
            {
                Node x = z.Inputs[0], b = z.Inputs[1];
                var op = kind.ToUnaryOp();
                double p = f.Attribute;
                f.Rewrite(
                    "add_bias_activation",
                    [x, b],
                    y => AddBiasActivation.Compute(x, b, y, op, p),
                    y => AddBiasActivation.Backward(x, b, y, op, p));
                z.ReleaseRemoved();
                changed = true;
            }
        }

        return changed ? output.TopologicalOrder() : order;
    }

    private static Activation? ActivationOf(string op) => op switch
    {
        "sigmoid" => Activation.Sigmoid,
        "tanh" => Activation.Tanh,
        "relu" => Activation.Relu,
        "leaky_relu" => Activation.LeakyRelu,
        "elu" => Activation.Elu,
        _ => null,
    };
}
