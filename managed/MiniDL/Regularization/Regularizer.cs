using MiniDL.Autograd.Nodes;
using MiniDL.Layers;

namespace MiniDL.Regularization;

/// <summary>
/// A penalty <c>λ R(W)</c> added to the data loss: <c>L(W) = 1/N Σᵢ Lᵢ + λ R(W)</c>, built as graph nodes so that its
/// gradient is exact (checked by the gradient checker: <c>minidl gradcheck</c>'s l1, l2 and elastic_net entries) and
/// flows with the loss's in one backward pass.
/// </summary>
/// <remarks>
/// IT4653 Lesson 1 "Introduction to deep learning", "Hiệu chỉnh": <c>L(W) = 1/N Σᵢ Lᵢ + λ R(W)</c> (data loss + regularization), with L2, L1 and elastic net R.
/// Day 01, "L1, L2 and Elastic Net".
/// Applies to weights only (<see cref="Parameter.Regularized"/>: the W of linear and maxout layers), not to biases nor
/// to batch norm's γ and β: a bias shifts a unit without making the function more complex, and penalizing it only
/// moves the decision boundary; that is the usual practice (PyTorch's weight_decay, by contrast, applies to every
/// parameter given to the optimizer unless parameter groups exclude them).
/// </remarks>
public abstract class Regularizer
{
    /// <summary>The penalty for one weight tensor, a 1×1 node.</summary>
    /// <param name="weight">The weight's leaf node.</param>
    /// <returns>The penalty node.</returns>
    protected abstract Node Penalty(Node weight);

    /// <summary>The penalty <c>λ R(W)</c> of one weight node, a 1×1 node (what the gradient checker differentiates).</summary>
    /// <param name="weight">W.</param>
    /// <returns>The penalty node.</returns>
    public Node PenaltyOf(Node weight)
    {
        ArgumentNullException.ThrowIfNull(weight);
        return Penalty(weight);
    }

    /// <summary>The total penalty over the regularized parameters (a 1×1 node), or null when there are none.</summary>
    /// <param name="parameters">The model's parameters; only those with <see cref="Parameter.Regularized"/> count.</param>
    /// <returns>The penalty node to add to the loss.</returns>
    public Node? Penalty(IEnumerable<Parameter> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Node? total = null;
        foreach (var p in parameters)
        {
            if (p.Regularized && p.Trainable)
            {
                var term = Penalty(p.Node);
                total = total is null ? term : Add.Forward(total, term);
            }
        }

        return total;
    }

    /// <summary>The objective <c>loss + penalty</c> (the loss itself when no parameter is regularized).</summary>
    /// <param name="loss">The data loss, 1×1.</param>
    /// <param name="parameters">The model's parameters.</param>
    /// <returns>The objective node to backpropagate from.</returns>
    public Node AddTo(Node loss, IEnumerable<Parameter> parameters)
    {
        ArgumentNullException.ThrowIfNull(loss);
        var penalty = Penalty(parameters);
        return penalty is null ? loss : Add.Forward(loss, penalty);
    }

    /// <summary>λ Σ|θ| as nodes.</summary>
    /// <param name="weight">θ.</param>
    /// <param name="lambda">λ.</param>
    /// <returns>The 1×1 node.</returns>
    protected static Node L1Term(Node weight, double lambda) => MultiplyConstant.Forward(Sum.Forward(Abs.Forward(weight)), lambda);

    /// <summary>λ Σθ² as nodes.</summary>
    /// <param name="weight">θ.</param>
    /// <param name="lambda">λ.</param>
    /// <returns>The 1×1 node.</returns>
    protected static Node L2Term(Node weight, double lambda) => MultiplyConstant.Forward(Sum.Forward(Square.Forward(weight)), lambda);
}
