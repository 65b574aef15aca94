namespace MiniDL.Autograd.Activations;

/// <summary>
/// Day 01's Maxout unit: <c>Y = max(X W₁ + b₁, …, X W_k + b_k)</c>, the element-wise maximum of k linear pieces.
/// </summary>
/// <remarks>
/// Forward: Day 01, "Maxout", writes <c>max(w₁ᵀx + b₁, w₂ᵀx + b₂)</c> for one unit; with a
/// batch whose rows are samples (lesson 7's convention) piece k is <c>Z_k = X W_k + b_k</c> and
/// <c>Y[i,j] = maxₖ Z_k[i,j]</c>. ReLU is the special case <c>max(0, x)</c> (one piece fixed at 0).
/// It is built from the kernels of the matmul and add-bias nodes and <see cref="BinaryOp.Max"/>:
/// <c>M₁ = Z₁</c>, <c>M_k = max(M_{k−1}, Z_k)</c>.
/// Backward: the gradient of each output element goes to the piece that won it; on a tie, to the <em>first</em>
/// maximal piece (a subgradient choice: <c>max(a, b)</c> sends it to a when <c>a ≥ b</c>). Then each piece is a
/// matmul + add-bias node: <c>∇X = Σ_k ∇Z_k W_kᵀ</c>, <c>∇W_k = Xᵀ ∇Z_k</c>, <c>∇b_k = Σ_rows ∇Z_k</c>.
/// The pieces are recomputed in backward (into tensors the node saves) rather than kept from the forward pass.
/// </remarks>
public static class Maxout
{
    /// <summary><c>Y = maxₖ (X W_k + b_k)</c>.</summary>
    /// <param name="x">X, shape (n, d).</param>
    /// <param name="weights">W₁ … W_k, each (d, m); at least one.</param>
    /// <param name="biases">b₁ … b_k, each (1, m) or (m); as many as <paramref name="weights"/>.</param>
    /// <returns>Y, shape (n, m).</returns>
    /// <exception cref="ArgumentException">No pieces, different counts of weights and biases, or shapes that do not fit.</exception>
    public static Node Forward(Node x, IReadOnlyList<Node> weights, IReadOnlyList<Node> biases)
    {
        Validate(x, weights, biases);
        int n = x.Rows, m = weights[0].Columns;
        return Node.Create("maxout", Tensor.Zeros(n, m, x.Backend), [x, .. weights, .. biases],
            y =>
            {
                for (int k = 0; k < weights.Count; k++)
                {
                    var piece = k == 0 ? y.Value : y.Saved("z", n, m);
                    Piece(x, weights[k], biases[k], piece);
                    if (k > 0)
                    {
                        x.Backend.Zip(BinaryOp.Max, y.Value.Storage, piece.Storage, y.Value.Storage); // M_k = max(M_{k−1}, Z_k), ties keep M_{k−1}
                    }
                }
            },
            y => Backward(x, weights, biases, y));
    }

    /// <summary>
    /// Unroll the forward as a chain of two-input max nodes: <c>M₁ = Z₁</c>, <c>M_k = max(M_{k−1}, Z_k)</c>, <c>Y = M_K</c>.
    /// For <c>c = max(a, b)</c>: <c>∂c/∂a = [a ≥ b]</c>, <c>∂c/∂b = [a &lt; b]</c> — the gradient is routed, not shared.
    /// Walking back from <c>∇M_K = ∇Y</c>: <c>∇M_{k−1} = ∇M_k ⊙ [M_{k−1} ≥ Z_k]</c>, <c>∇Z_k = ∇M_k ⊙ [M_{k−1} &lt; Z_k]</c>,
    /// and finally <c>∇Z₁ = ∇M₁</c>. An element reaches <c>Z_k</c> only if <c>Z_k</c> beat every later piece (ties lost
    /// to the earlier running max) and strictly beat every earlier one: so it reaches the first maximal piece.
    /// Each piece <c>Z_k = X W_k + b_k</c> is lecture 7's matmul then add-bias node, so
    /// <c>∇X += ∇Z_k W_kᵀ</c> (summed over k: X feeds every piece, the copy rule), <c>∇W_k += Xᵀ ∇Z_k</c>,
    /// <c>∇b_k += Σ_rows ∇Z_k</c>.
    /// </summary>
    private static void Backward(Node x, IReadOnlyList<Node> weights, IReadOnlyList<Node> biases, Node y)
    {
        var backend = y.Backend;
        int n = x.Rows, d = x.Columns, m = y.Columns, count = weights.Count;
        Tensor Z(int k) => y.Saved("Z", k, n, m);
        Tensor Running(int k) => k == 0 ? Z(0) : y.Saved("M", k, n, m); // M₁ = Z₁
        Tensor DZ(int k) => y.Saved("dZ", k, n, m);

        // Recompute the pieces Z_k and the running maxima M_k (M_K = Y).
        for (int k = 0; k < count; k++)
        {
            Piece(x, weights[k], biases[k], Z(k));
            backend.Fill(DZ(k).Storage, 0.0);
            if (k > 0)
            {
                backend.Zip(BinaryOp.Max, Running(k - 1).Storage, Z(k).Storage, Running(k).Storage);
            }
        }

        // Route ∇Y back through the chain of max nodes: ∇M_K = ∇Y.
        var dm = y.Saved("dM", n, m);
        var dPrevious = y.Saved("dPrevious", n, m);
        backend.Copy(y.Grad!.Storage, dm.Storage);
        for (int k = count - 1; k > 0; k--)
        {
            backend.Fill(dPrevious.Storage, 0.0);
            backend.ZipBackward(BinaryOp.Max, Running(k - 1).Storage, Z(k).Storage, dm.Storage, dPrevious.Storage, DZ(k).Storage);
            (dm, dPrevious) = (dPrevious, dm);
        }

        backend.Copy(dm.Storage, DZ(0).Storage); // ∇Z₁ = ∇M₁

        for (int k = 0; k < count; k++)
        {
            if (x.RequiresGrad)
            {
                // ∇X (n×d) += ∇Z_k (n×m) · W_kᵀ (m×d)
                backend.Gemm(false, true, n, d, m, 1.0, DZ(k).Storage, weights[k].Value.Storage, 1.0, x.GradOrZeros.Storage);
            }

            if (weights[k].RequiresGrad)
            {
                // ∇W_k (d×m) += Xᵀ (d×n) · ∇Z_k (n×m)
                backend.Gemm(true, false, d, m, n, 1.0, x.Value.Storage, DZ(k).Storage, 1.0, weights[k].GradOrZeros.Storage);
            }

            if (biases[k].RequiresGrad)
            {
                backend.ColumnSums(n, m, DZ(k).Storage, 1.0, biases[k].GradOrZeros.Storage); // ∇b_k += Σ_rows ∇Z_k
            }
        }
    }

    /// <summary><c>Z = X W + b</c> into <paramref name="z"/> (the matmul and add-bias kernels).</summary>
    private static void Piece(Node x, Node w, Node b, Tensor z)
    {
        var backend = x.Backend;
        backend.Gemm(false, false, x.Rows, w.Columns, x.Columns, 1.0, x.Value.Storage, w.Value.Storage, 0.0, z.Storage);
        backend.AddBias(UnaryOp.Identity, z.Rows, z.Columns, z.Storage, b.Value.Storage, z.Storage);
    }

    private static void Validate(Node x, IReadOnlyList<Node> weights, IReadOnlyList<Node> biases)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(biases);
        if (weights.Count == 0 || weights.Count != biases.Count)
        {
            throw new ArgumentException($"maxout: needs at least one piece and one bias per weight; got {weights.Count} weights and {biases.Count} biases for X {x.ShapeText}.");
        }

        var w0 = weights[0];
        for (int k = 0; k < weights.Count; k++)
        {
            var w = weights[k];
            var b = biases[k];
            Shapes.RequireSameBackend("maxout", x, w);
            Shapes.RequireSameBackend("maxout", x, b);
            if (w.Rows != x.Columns || w.Columns != w0.Columns)
            {
                throw new ArgumentException($"maxout: piece {k}: X {x.ShapeText} times W {w.ShapeText} does not give ({x.Rows}, {w0.Columns}) like piece 0's W {w0.ShapeText}.");
            }

            if (b.Rows != 1 || b.Columns != w0.Columns)
            {
                throw new ArgumentException($"maxout: piece {k}: bias {b.ShapeText} does not broadcast over ({x.Rows}, {w0.Columns}); it needs (1, {w0.Columns}) or ({w0.Columns}).");
            }
        }
    }
}
