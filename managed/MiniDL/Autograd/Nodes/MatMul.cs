namespace MiniDL.Autograd.Nodes;

/// <summary>Lecture 7's matmul node: <c>Y = X W</c>.</summary>
/// <remarks>
/// Forward: <c>Y[i,j] = Σₚ X[i,p] W[p,j]</c> with X (n×d), W (d×m), Y (n×m).
/// Backward: <c>∇X = ∇Y Wᵀ</c> (Lesson 7 "Neural Network", "Matmul Node"), and <c>∇W = Xᵀ ∇Y</c>, which the slide
/// does not show: it follows from the "Fully connected Network" slide's <c>∂J/∂w_ij = e_j a_i</c>, i.e.
/// <c>∇W[p,j] = Σᵢ X[i,p] ∇Y[i,j]</c> summed over the n rows.
/// </remarks>
public static class MatMul
{
    /// <summary><c>Y = X W</c>.</summary>
    /// <param name="x">X, shape (n, d).</param>
    /// <param name="w">W, shape (d, m).</param>
    /// <returns>Y, shape (n, m).</returns>
    /// <exception cref="ArgumentException">The inner dimensions differ, or the operands live on different backends.</exception>
    public static Node Forward(Node x, Node w)
    {
        Shapes.RequireSameBackend("matmul", x, w);
        if (x.Columns != w.Rows)
        {
            throw new ArgumentException($"matmul: X {x.ShapeText} times W {w.ShapeText}: inner dimensions {x.Columns} and {w.Rows} differ.");
        }

        int n = x.Rows, d = x.Columns, m = w.Columns;
        return Node.Create("matmul", Tensor.Zeros(n, m, x.Backend), [x, w],
            y => x.Backend.Gemm(false, false, n, m, d, 1.0, x.Value.Storage, w.Value.Storage, 0.0, y.Value.Storage),
            y => Backward(x, w, y));
    }

    /// <summary>
    /// How do we prove it? Write one output element and differentiate it.
    /// <c>Y[i,j] = Σₚ X[i,p] W[p,j]</c>, so <c>∂Y[i,j]/∂X[a,b] = [i = a] W[b,j]</c>. By the chain rule,
    /// <c>∂J/∂X[a,b] = Σᵢⱼ ∇Y[i,j] [i = a] W[b,j] = Σⱼ ∇Y[a,j] W[b,j] = (∇Y Wᵀ)[a,b]</c>.
    /// Likewise <c>∂Y[i,j]/∂W[a,b] = X[i,a] [j = b]</c>, so <c>∂J/∂W[a,b] = Σᵢ X[i,a] ∇Y[i,b] = (Xᵀ ∇Y)[a,b]</c>.
    /// Shapes check it: ∇Y (n×m) Wᵀ (m×d) is n×d like X; Xᵀ (d×n) ∇Y (n×m) is d×m like W.
    /// Both products accumulate (β = 1), the copy rule.
    /// </summary>
    private static void Backward(Node x, Node w, Node y)
    {
        int n = x.Rows, d = x.Columns, m = w.Columns;
        var backend = y.Backend;
        var dy = y.Grad!.Storage;
        if (x.RequiresGrad)
        {
            // ∇X (n×d) += ∇Y (n×m) · Wᵀ (m×d)
            backend.Gemm(false, true, n, d, m, 1.0, dy, w.Value.Storage, 1.0, x.GradOrZeros.Storage);
        }

        if (w.RequiresGrad)
        {
            // ∇W (d×m) += Xᵀ (d×n) · ∇Y (n×m)
            backend.Gemm(true, false, d, m, n, 1.0, x.Value.Storage, dy, 1.0, w.GradOrZeros.Storage);
        }
    }
}
