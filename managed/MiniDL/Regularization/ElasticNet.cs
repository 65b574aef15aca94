using MiniDL.Autograd.Nodes;

namespace MiniDL.Regularization;

/// <summary>Elastic net: penalty <c>λ₁ Σ|θ| + λ₂ Σθ²</c>, gradient <c>λ₁ sign(θ) + 2λ₂θ</c>.</summary>
/// <remarks>
/// Day 01, "L1, L2 and Elastic Net": <c>L_ElasticNet(θ) = L(θ) + λ₁‖θ‖₁ + λ₂‖θ‖₂²</c>,
/// <c>∂/∂θᵢ = ∂L/∂θᵢ + λ₁ sign(θᵢ) + 2λ₂θᵢ</c>. IT4653 Lesson 1 "Introduction to deep learning" ("Hiệu chỉnh") writes the same
/// combination as <c>λ R(W)</c> with <c>R(W) = Σ_k Σ_l β W_kl² + |W_kl|</c>: use <see cref="Lesson1"/>, which is
/// λ₁ = λ, λ₂ = λβ.
/// </remarks>
public sealed class ElasticNet : Regularizer
{
    /// <summary>Creates the regularizer (Day 01's form).</summary>
    /// <param name="lambda1">λ₁, the L1 weight, at least 0.</param>
    /// <param name="lambda2">λ₂, the L2 weight, at least 0.</param>
    public ElasticNet(double lambda1, double lambda2)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(lambda1);
        ArgumentOutOfRangeException.ThrowIfNegative(lambda2);
        Lambda1 = lambda1;
        Lambda2 = lambda2;
    }

    /// <summary>Lesson 1's form <c>λ Σ (β W² + |W|)</c>.</summary>
    /// <param name="lambda">λ, the regularization strength.</param>
    /// <param name="beta">β, the weight of the squared term.</param>
    /// <returns>The elastic net with λ₁ = λ and λ₂ = λβ.</returns>
    public static ElasticNet Lesson1(double lambda, double beta) => new(lambda, lambda * beta);

    /// <summary>λ₁, the L1 weight.</summary>
    public double Lambda1 { get; }

    /// <summary>λ₂, the L2 weight.</summary>
    public double Lambda2 { get; }

    /// <inheritdoc/>
    protected override Node Penalty(Node weight) => Add.Forward(L1Term(weight, Lambda1), L2Term(weight, Lambda2));
}
