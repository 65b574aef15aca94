namespace MiniDL.Autograd.Nodes;

/// <summary>Lecture 7's copy node: <c>Y₁ = … = Y_k = X</c>, one value handed to k consumers.</summary>
/// <remarks>
/// <para>
/// Forward: k new nodes, each holding a copy of X. Backward: <c>∇X = Σₖ ∇Yₖ</c>
/// (Lesson 7 "Neural Network", "Copy Node").
/// </para>
/// <para>
/// Every backward rule of MiniDL <em>accumulates</em> (<c>+=</c>) into its inputs' gradients, so using one node
/// twice — <c>Multiply.Forward(x, x)</c> — already gives x the sum of both uses' gradients. An explicit copy,
/// <c>var c = Copy.Forward(x, 2); Multiply.Forward(c[0], c[1])</c>, gives exactly the same gradient: the copy node
/// is what accumulation does implicitly. It exists so that the lecture's graph can be drawn node for node.
/// </para>
/// </remarks>
public static class Copy
{
    /// <summary>Makes <paramref name="k"/> copies of X, each its own node of the graph.</summary>
    /// <param name="x">X, any shape.</param>
    /// <param name="k">Number of copies, at least 1.</param>
    /// <returns>The nodes Y₁ … Y_k, each the shape of X.</returns>
    /// <exception cref="ArgumentException"><paramref name="k"/> is below 1.</exception>
    public static Node[] Forward(Node x, int k)
    {
        if (k < 1)
        {
            throw new ArgumentException($"copy: needs at least one copy of {x.ShapeText}, got k = {k}.", nameof(k));
        }

        var copies = new Node[k];
        for (int i = 0; i < k; i++)
        {
            copies[i] = Node.Create("copy", Tensor.ZerosLike(x.Value), [x],
                y => x.Backend.Copy(x.Value.Storage, y.Value.Storage),
                y => Backward(x, y));
        }

        return copies;
    }

    /// <summary>
    /// How do we prove it? (Lecture 7.) Each copy is <c>Y_k[i,j] = X[i,j]</c>, so <c>∂Y_k[i,j]/∂X[i,j] = 1</c>.
    /// X reaches J through all k copies, so the multivariable chain rule sums the paths:
    /// <c>∂J/∂X[i,j] = Σₖ ∂J/∂Y_k[i,j] · 1 = Σₖ ∇Y_k[i,j]</c>, i.e. <c>∇X = Σₖ ∇Y_k</c>.
    /// Each copy's rule adds its own <c>∇Y_k</c> (<c>+=</c>); after all k have run, ∇X holds the sum.
    /// </summary>
    private static void Backward(Node x, Node y)
    {
        if (x.RequiresGrad)
        {
            y.Backend.Axpy(1.0, y.Grad!.Storage, x.GradOrZeros.Storage); // ∇X += ∇Y_k
        }
    }
}
