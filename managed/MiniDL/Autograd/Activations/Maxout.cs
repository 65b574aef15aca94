using MiniDL.Backends;

namespace MiniDL.Autograd.Activations;

/// <summary>
/// Day 01's Maxout unit: <c>Y = max(X W₁ + b₁, …, X W_k + b_k)</c>, the element-wise maximum of k linear pieces.
/// </summary>
/// <remarks>
/// Forward: Day 01 (../shared/seeds/004_33cc2cf3ed509fa4.txt) writes <c>max(w₁ᵀx + b₁, w₂ᵀx + b₂)</c> for one unit; with a
/// batch whose rows are samples (lesson 7's convention) piece k is <c>Z_k = X W_k + b_k</c> and
/// <c>Y[i,j] = maxₖ Z_k[i,j]</c>. ReLU is the special case <c>max(0, x)</c> (one piece fixed at 0).
/// It is built from the kernels of the matmul and add-bias nodes and <see cref="BinaryOp.Max"/>:
/// <c>M₁ = Z₁</c>, <c>M_k = max(M_{k−1}, Z_k)</c>.
/// Backward: the gradient of each output element goes to the piece that won it; on a tie, to the <em>first</em>
/// maximal piece (a subgradient choice: <c>max(a, b)</c> sends it to a when <c>a ≥ b</c>). Then each piece is a
/// matmul + add-bias node: <c>∇X = Σ_k ∇Z_k W_kᵀ</c>, <c>∇W_k = Xᵀ ∇Z_k</c>, <c>∇b_k = Σ_rows ∇Z_k</c>.
/// The pieces are recomputed in backward (into buffers the node keeps, so a replayed graph allocates nothing) rather
/// than kept from the forward pass.
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
        var backend = x.Backend;
        var y = Tensor.Zeros(n, m, backend);
        var node = new Node(y, "maxout", [x, .. weights, .. biases]);
        Tensor? z = null; // scratch for the pieces Z_k, k > 0: made once, reused by replays
        void Compute()
        {
            for (int k = 0; k < weights.Count; k++)
            {
                var piece = k == 0 ? y : (z ??= node.Workspace(n, m));
                Piece(x, weights[k], biases[k], piece);
                if (k > 0)
                {
                    backend.Zip(BinaryOp.Max, y.Storage, piece.Storage, y.Storage); // M_k = max(M_{k−1}, Z_k), ties keep M_{k−1}
                }
            }
        }

        Compute(); // the eager forward; the same function recomputes Y in place when the graph is replayed
        node.ForwardRule = Compute;
        Scratch? scratch = null; // backward's buffers: made at the first backward, reused by replays
        node.BackwardRule = () => Backward(x, weights, biases, node, scratch ??= new Scratch(node, weights.Count, n, m));
        return node;
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
    private static void Backward(Node x, IReadOnlyList<Node> weights, IReadOnlyList<Node> biases, Node y, Scratch s)
    {
        var backend = y.Backend;
        int n = x.Rows, d = x.Columns, m = y.Columns, count = weights.Count;

        // Recompute the pieces Z_k and the running maxima M_k (M_K = Y).
        for (int k = 0; k < count; k++)
        {
            Piece(x, weights[k], biases[k], s.Z[k]);
            backend.Fill(s.DZ[k].Storage, 0.0);
            if (k > 0)
            {
                backend.Zip(BinaryOp.Max, s.Running[k - 1].Storage, s.Z[k].Storage, s.Running[k].Storage);
            }
        }

        // Route ∇Y back through the chain of max nodes: ∇M_K = ∇Y.
        var dm = s.DM;
        var dPrevious = s.DPrevious;
        backend.Copy(y.Grad!.Storage, dm.Storage);
        for (int k = count - 1; k > 0; k--)
        {
            backend.Fill(dPrevious.Storage, 0.0);
            backend.ZipBackward(BinaryOp.Max, s.Running[k - 1].Storage, s.Z[k].Storage, dm.Storage, dPrevious.Storage, s.DZ[k].Storage);
            (dm, dPrevious) = (dPrevious, dm);
        }

        backend.Copy(dm.Storage, s.DZ[0].Storage); // ∇Z₁ = ∇M₁

        for (int k = 0; k < count; k++)
        {
            if (x.RequiresGrad)
            {
                // ∇X (n×d) += ∇Z_k (n×m) · W_kᵀ (m×d)
                backend.Gemm(false, true, n, d, m, 1.0, s.DZ[k].Storage, weights[k].Value.Storage, 1.0, x.GradOrZeros.Storage);
            }

            if (weights[k].RequiresGrad)
            {
                // ∇W_k (d×m) += Xᵀ (d×n) · ∇Z_k (n×m)
                backend.Gemm(true, false, d, m, n, 1.0, x.Value.Storage, s.DZ[k].Storage, 1.0, weights[k].GradOrZeros.Storage);
            }

            if (biases[k].RequiresGrad)
            {
                backend.SumRows(n, m, s.DZ[k].Storage, 1.0, biases[k].GradOrZeros.Storage); // ∇b_k += Σ_rows ∇Z_k
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

    /// <summary>Backward's buffers (n×m each), owned by the node: the pieces, running maxima and their gradients.</summary>
    private sealed class Scratch
    {
        public Scratch(Node node, int count, int n, int m)
        {
            Z = new Tensor[count];
            Running = new Tensor[count];
            DZ = new Tensor[count];
            for (int k = 0; k < count; k++)
            {
                Z[k] = node.Workspace(n, m);
                Running[k] = k == 0 ? Z[0] : node.Workspace(n, m); // M₁ = Z₁
                DZ[k] = node.Workspace(n, m);
            }

            DM = node.Workspace(n, m);
            DPrevious = node.Workspace(n, m);
        }

        public Tensor[] Z { get; }

        public Tensor[] Running { get; }

        public Tensor[] DZ { get; }

        public Tensor DM { get; }

        public Tensor DPrevious { get; }
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
