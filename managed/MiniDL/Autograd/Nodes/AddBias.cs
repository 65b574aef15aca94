namespace MiniDL.Autograd.Nodes;

/// <summary>Lecture 7's add-bias node: <c>Y = X + B</c>, B one row broadcast over the rows of X.</summary>
/// <remarks>
/// Forward: <c>Y[i,j] = X[i,j] + B[j]</c>, X and Y (n×m), B (1×m) or a vector of m.
/// Backward: <c>∇X = ∇Y</c>, <c>∇B = Σ_rows ∇Y</c> (Lesson 7 "Neural Network", "Add Bias Node").
/// </remarks>
public static class AddBias
{
    /// <summary><c>Y = X + B</c>.</summary>
    /// <param name="x">X, shape (n, m).</param>
    /// <param name="b">B, shape (1, m) or (m).</param>
    /// <returns>Y, shape (n, m).</returns>
    /// <exception cref="ArgumentException">B is not one row of m values.</exception>
    public static Node Forward(Node x, Node b)
    {
        Shapes.RequireSameBackend("add_bias", x, b);
        Shapes.RequireRow("add_bias", x, b);
        return Node.Create("add_bias", Tensor.ZerosLike(x.Value), [x, b],
            y => x.Backend.AddBias(UnaryOp.Identity, x.Rows, x.Columns, x.Value.Storage, b.Value.Storage, y.Value.Storage),
            y => Backward(x, b, y));
    }

    /// <summary>
    /// How do we prove it? <c>∂Y[i,j]/∂X[a,c] = [i = a][j = c]</c>, so <c>∇X = ∇Y</c>. The bias element
    /// <c>B[c]</c> is copied into every row: <c>∂Y[i,j]/∂B[c] = [j = c]</c> for every i, so
    /// <c>∂J/∂B[c] = Σᵢ ∇Y[i,c]</c> — the copy rule applied to the n copies of B, i.e. the column sums of ∇Y.
    /// </summary>
    private static void Backward(Node x, Node b, Node y)
    {
        var backend = y.Backend;
        var dy = y.Grad!.Storage;
        if (x.RequiresGrad)
        {
            backend.Axpy(1.0, dy, x.GradOrZeros.Storage); // ∇X += ∇Y
        }

        if (b.RequiresGrad)
        {
            backend.ColumnSums(y.Rows, y.Columns, dy, 1.0, b.GradOrZeros.Storage); // ∇B += Σ_rows ∇Y
        }
    }
}
