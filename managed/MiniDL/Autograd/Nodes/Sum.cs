namespace MiniDL.Autograd.Nodes;

/// <summary>The sum of all elements: <c>y = Σᵢⱼ X[i,j]</c>, a 1×1 scalar (a loss is a sum over samples).</summary>
/// <remarks>
/// Forward: <c>y = Σᵢⱼ X[i,j]</c>. Backward: <c>∇X[i,j] = ∇y</c> for every element — every element is handed the
/// scalar gradient, lecture 7's copy rule read backwards (Lesson 7 "Neural Network", "Copy Node").
/// </remarks>
public static class Sum
{
    /// <summary><c>y = Σ X</c>.</summary>
    /// <param name="x">X, any shape.</param>
    /// <returns>y, shape (1, 1).</returns>
    public static Node Forward(Node x)
    {
        return Node.Create("sum", Tensor.Zeros(1, 1, x.Backend), [x],
            y => x.Backend.Sum(x.Value.Storage, 0.0, y.Value.Storage),
            y => Backward(x, y, y.Saved("ones", checked((int)x.Value.Length), 1, 1.0)));
    }

    /// <summary>
    /// How do we prove it? <c>∂y/∂X[a,b] = ∂(Σᵢⱼ X[i,j])/∂X[a,b] = 1</c>, so <c>∂J/∂X[a,b] = ∇y · 1</c> for every (a, b).
    /// On the backend the broadcast of the 1×1 gradient to X's shape is a product with a column of ones:
    /// viewing ∇X as an L×1 column (L elements), <c>∇X += 1_L · ∇y</c> (a gemm with k = 1, β = 1 to accumulate).
    /// The gradient stays on the backend: it is never read to the host.
    /// </summary>
    private static void Backward(Node x, Node y, Tensor ones)
    {
        if (!x.RequiresGrad)
        {
            return;
        }

        var backend = y.Backend;
        int length = checked((int)x.Value.Length);
        backend.Gemm(false, false, length, 1, 1, 1.0, ones.Storage, y.Grad!.Storage, 1.0, x.GradOrZeros.Storage); // ∇X += 1 · ∇y
    }
}
