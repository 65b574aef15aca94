namespace MiniDL.Regularization;

/// <summary>L1 (Lasso) regularization: penalty <c>λ Σ|θ|</c>, gradient <c>λ sign(θ)</c>.</summary>
/// <remarks>
/// Day 01, "L1, L2 and Elastic Net": <c>L_L1(θ) = L(θ) + λ Σᵢ |θᵢ|</c>,
/// <c>∂L_L1/∂θᵢ = ∂L/∂θᵢ + λ sign(θᵢ)</c> (0 at θ = 0, the abs node's choice). Lesson 1
/// (IT4653 Lesson 1 "Introduction to deep learning", "Hiệu chỉnh"): <c>R(W) = Σ_k Σ_l |W_kl|</c>. Built from the abs, sum and
/// multiply-by-constant nodes.
/// </remarks>
public sealed class L1 : Regularizer
{
    /// <summary>Creates the regularizer.</summary>
    /// <param name="lambda">λ, at least 0.</param>
    public L1(double lambda)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(lambda);
        Lambda = lambda;
    }

    /// <summary>λ.</summary>
    public double Lambda { get; }

    /// <inheritdoc/>
    protected override Node Penalty(Node weight) => L1Term(weight, Lambda);
}
