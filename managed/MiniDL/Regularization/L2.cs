namespace MiniDL.Regularization;

/// <summary>L2 (Ridge) regularization: penalty <c>λ Σθ²</c>, gradient <c>2λθ</c>.</summary>
/// <remarks>
/// Day 01, "L1, L2 and Elastic Net": <c>L_L2(θ) = L(θ) + λ Σᵢ θᵢ²</c>, <c>∂L_L2/∂θᵢ = ∂L/∂θᵢ + 2λθᵢ</c>;
/// IT4653 Lesson 1 "Introduction to deep learning", "Hiệu chỉnh": <c>R(W) = Σ_k Σ_l W_kl²</c>. PyTorch's <c>weight_decay = wd</c>
/// adds <c>wd·θ</c> to the gradient instead, i.e. it is this penalty with <c>λ = wd / 2</c>.
/// Built from the square, sum and multiply-by-constant nodes.
/// </remarks>
public sealed class L2 : Regularizer
{
    /// <summary>Creates the regularizer.</summary>
    /// <param name="lambda">λ, at least 0.</param>
    public L2(double lambda)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(lambda);
        Lambda = lambda;
    }

    /// <summary>λ.</summary>
    public double Lambda { get; }

    /// <inheritdoc/>
    protected override Node Penalty(Node weight) => L2Term(weight, Lambda);
}
