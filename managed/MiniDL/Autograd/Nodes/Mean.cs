namespace MiniDL.Autograd.Nodes;

/// <summary>The mean of all elements: <c>y = (1/L) Σᵢⱼ X[i,j]</c> over the L elements, a 1×1 scalar.</summary>
/// <remarks>
/// Forward: <c>y = (1/L) Σ X</c> (the dataset loss <c>L = 1/N Σᵢ Lᵢ</c> of IT4653 Lesson 1 "Introduction to deep learning", "Hàm mục tiêu" (objective function);
/// MSE and MAE). Backward: <c>∇X[i,j] = ∇y / L</c> for every element.
/// </remarks>
public static class Mean
{
    /// <summary><c>y = mean(X)</c>.</summary>
    /// <param name="x">X, any non-empty shape.</param>
    /// <returns>y, shape (1, 1).</returns>
    /// <exception cref="ArgumentException">X has no elements.</exception>
    public static Node Forward(Node x)
    {
        if (x.Value.Length == 0)
        {
            throw new ArgumentException($"mean: shape {x.ShapeText} has no elements.", nameof(x));
        }

        int length = checked((int)x.Value.Length);
        return Node.Create("mean", Tensor.Zeros(1, 1, x.Backend), [x],
            y =>
            {
                x.Backend.Sum(x.Value.Storage, 0.0, y.Value.Storage); // Σ X
                x.Backend.Scale(1.0 / length, y.Value.Storage);      // / L
            },
            y => Backward(x, y, y.Saved("ones", length, 1, 1.0)));
    }

    /// <summary>
    /// How do we prove it? <c>∂y/∂X[a,b] = (1/L) ∂(Σᵢⱼ X[i,j])/∂X[a,b] = 1/L</c>, so <c>∂J/∂X[a,b] = ∇y / L</c>.
    /// As for <see cref="Sum"/>, the broadcast is a product with a column of ones, here scaled by <c>α = 1/L</c>:
    /// <c>∇X += (1/L) 1_L ∇y</c>.
    /// </summary>
    private static void Backward(Node x, Node y, Tensor ones)
    {
        if (!x.RequiresGrad)
        {
            return;
        }

        var backend = y.Backend;
        int length = checked((int)x.Value.Length);
        backend.Gemm(false, false, length, 1, 1, 1.0 / length, ones.Storage, y.Grad!.Storage, 1.0, x.GradOrZeros.Storage); // ∇X += ∇y / L
    }
}
