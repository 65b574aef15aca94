namespace MiniDL.Autograd.Nodes;

/// <summary>Lecture 7's transpose node: <c>Y = Xᵀ</c>.</summary>
/// <remarks>
/// Forward: <c>Y[j,i] = X[i,j]</c>, X (n×m), Y (m×n); a vector of m is read as one row (1×m) and becomes m×1.
/// Backward: <c>∇X = (∇Y)ᵀ</c> (Lesson 7 "Neural Network", "Transpose Node").
/// </remarks>
public static class Transpose
{
    /// <summary><c>Y = Xᵀ</c>.</summary>
    /// <param name="x">X, shape (n, m).</param>
    /// <returns>Y, shape (m, n).</returns>
    public static Node Forward(Node x)
    {
        int n = x.Rows, m = x.Columns;
        return Node.Create("transpose", Tensor.Zeros(m, n, x.Backend), [x],
            y => x.Backend.Transpose(n, m, x.Value.Storage, y.Value.Storage),
            y => Backward(x, y, y.Saved("dyT", n, m)));
    }

    /// <summary>
    /// How do we prove it? (Lecture 7 asks.) Write one output element: <c>Y[j,i] = X[i,j]</c>, so
    /// <c>∂Y[c,d]/∂X[a,b] = [c = b][d = a]</c>. By the chain rule
    /// <c>∂J/∂X[a,b] = Σ_cd ∇Y[c,d] [c = b][d = a] = ∇Y[b,a] = ((∇Y)ᵀ)[a,b]</c>, i.e. <c>∇X = (∇Y)ᵀ</c>.
    /// The shapes agree: ∇Y is m×n, its transpose n×m like X. The transpose kernel overwrites its output, so the
    /// transposed gradient goes to a temporary and is then added (<c>+=</c>, the copy rule).
    /// </summary>
    private static void Backward(Node x, Node y, Tensor dyT)
    {
        if (!x.RequiresGrad)
        {
            return;
        }

        var backend = y.Backend;
        backend.Transpose(y.Rows, y.Columns, y.Grad!.Storage, dyT.Storage); // (∇Y)ᵀ, n×m
        backend.Axpy(1.0, dyT.Storage, x.GradOrZeros.Storage);             // ∇X += (∇Y)ᵀ
    }
}
