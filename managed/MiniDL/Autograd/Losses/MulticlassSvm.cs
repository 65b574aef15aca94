namespace MiniDL.Autograd.Losses;

/// <summary>
/// Lesson 1's multiclass SVM (hinge) loss: <c>Lᵢ = Σ_{j≠yᵢ} max(0, s_j − s_{yᵢ} + Δ)</c>, Δ = 1, averaged over the rows.
/// </summary>
/// <remarks>
/// Forward: IT4653 Lesson 1 "Introduction to deep learning", "Multiclass SVM loss": the correct class's score must beat every other score by
/// the margin Δ = 1, otherwise it pays the shortfall. <c>L = 1/n Σᵢ Lᵢ</c>. The lecture's three images (scores as columns
/// there, as rows here) give <c>Lᵢ</c> = 2.9, 0, 12.9 and the mean 5.27.
/// Built from backend kernels with a one-hot target matrix T: <c>s_y = Σⱼ (S ⊙ T)ᵢⱼ</c> (row sums),
/// margins <c>M = S − s_y + Δ</c> (a column broadcast), hinge <c>H = ReLU(M) ⊙ (1 − T)</c> (the mask drops j = yᵢ),
/// <c>L = Σ H / n</c>.
/// Backward: <c>∇s_j = [M_j &gt; 0]</c> for j ≠ yᵢ and <c>∇s_{yᵢ} = −Σ_{j≠yᵢ} [M_j &gt; 0]</c>, times g/n. At a margin of
/// exactly 0 the hinge has a kink; the subgradient 0 is used (ReLU′(0) = 0).
/// </remarks>
public static class MulticlassSvm
{
    /// <summary>The lecture's margin Δ.</summary>
    public const double DefaultMargin = 1.0;

    /// <summary><c>L = 1/n Σᵢ Σ_{j≠yᵢ} max(0, s_j − s_{yᵢ} + Δ)</c>.</summary>
    /// <param name="scores">S, the class scores, shape (n, C), one row per sample.</param>
    /// <param name="targets">T, shape (n, C), one-hot rows (the label yᵢ is the column of the 1), a constant node.</param>
    /// <param name="margin">Δ (1 in the lecture).</param>
    /// <returns>L, shape (1, 1).</returns>
    /// <exception cref="ArgumentException">The shapes differ, are empty, or the targets require a gradient.</exception>
    public static Node Forward(Node scores, Node targets, double margin = DefaultMargin)
    {
        Loss.RequireTargetLike("multiclass_svm", scores, targets);
        var backend = scores.Backend;
        int n = scores.Rows, c = scores.Columns;
        return Loss.Create("multiclass_svm", scores, targets, self =>
        {
            var scratch = new Scratch(self, n, c);
            var (margins, others) = (scratch.Margins, scratch.Others);
            Margins(scores, targets, margin, margins, others, scratch.Correct);
            backend.Map(UnaryOp.Relu, margins.Storage, margins.Storage); // max(0, s_j − s_y + Δ)
            backend.Zip(BinaryOp.Multiply, margins.Storage, others.Storage, margins.Storage); // only j ≠ yᵢ
            Loss.ScaledSum(backend, margins.Storage, 1.0 / n, self.Value);
        },
        self => Backward(scores, targets, self, margin, new Scratch(self, n, c)));
    }

    /// <summary>
    /// One row, one term <c>h_j = max(0, s_j − s_y + Δ)</c>, j ≠ y. With <c>ReLU′(m) = [m &gt; 0]</c>:
    /// <c>∂h_j/∂s_j = [M_j &gt; 0]</c> and <c>∂h_j/∂s_y = −[M_j &gt; 0]</c>. Summing the terms:
    /// <c>∂Lᵢ/∂s_j = [M_j &gt; 0]</c> (j ≠ y) and <c>∂Lᵢ/∂s_y = −Σ_{j≠y} [M_j &gt; 0]</c> — the correct score is pushed up
    /// once for every class that violates the margin. Through the kernels used in forward:
    /// the masked indicator <c>D = (1 − T) ⊙ [M &gt; 0]</c> (ReLU's backward with upstream 1 − T);
    /// the column broadcast <c>M = S − s_y</c> sends D to S and <c>−Σⱼ D</c> to s_y; and <c>s_y = Σⱼ S ⊙ T</c> sends
    /// that back to S through T: <c>∇S = D + T ⊙ (−Σⱼ D)</c>. Times the mean's 1/n and the upstream g.
    /// </summary>
    private static void Backward(Node scores, Node targets, Node loss, double margin, Scratch s)
    {
        if (!scores.RequiresGrad)
        {
            return;
        }

        var backend = loss.Backend;
        int n = scores.Rows, c = scores.Columns;
        var (margins, others, hinge, active, localGrad, correctGrad, correct, routed) =
            (s.Margins, s.Others, s.Hinge, s.Active, s.LocalGrad, s.CorrectGrad, s.Correct, s.Routed);
        backend.Fill(active.Storage, 0.0);      // the three kernels below accumulate (+=)
        backend.Fill(localGrad.Storage, 0.0);
        backend.Fill(correctGrad.Storage, 0.0);
        Margins(scores, targets, margin, margins, others, correct);
        backend.Map(UnaryOp.Relu, margins.Storage, hinge.Storage);
        backend.MapBackward(UnaryOp.Relu, margins.Storage, hinge.Storage, others.Storage, active.Storage); // D = (1 − T) ⊙ [M > 0]
        // M = S − s_y (broadcast over columns): ∇S += D, ∇s_y += −Σⱼ D
        backend.ZipColumnBroadcastBackward(BinaryOp.Subtract, n, c, scores.Value.Storage, correct.Storage, active.Storage, localGrad.Storage, correctGrad.Storage);
        // s_y = Σⱼ S ⊙ T: ∇S += T ⊙ ∇s_y
        backend.ZipColumnBroadcast(BinaryOp.Multiply, n, c, targets.Value.Storage, correctGrad.Storage, routed.Storage);
        backend.Axpy(1.0, routed.Storage, localGrad.Storage);
        Loss.AccumulateScaled(backend, loss.Grad!.Storage, 1.0 / n, localGrad.Storage, scores.GradOrZeros.Storage);
    }

    /// <summary>
    /// <c>margins = S − s_y + Δ</c> and <c>others = 1 − T</c>; <paramref name="sy"/> receives
    /// <c>s_y = Σⱼ (S ⊙ T)ᵢⱼ</c>.
    /// </summary>
    private static void Margins(Node scores, Node targets, double margin, Tensor margins, Tensor others, Tensor sy)
    {
        var backend = scores.Backend;
        int n = scores.Rows, c = scores.Columns;
        backend.Zip(BinaryOp.Multiply, scores.Value.Storage, targets.Value.Storage, others.Storage); // S ⊙ T (others as scratch)
        backend.RowSums(n, c, others.Storage, 0.0, sy.Storage); // s_y, one per row
        backend.ZipColumnBroadcast(BinaryOp.Subtract, n, c, scores.Value.Storage, sy.Storage, margins.Storage); // s_j − s_y
        backend.Map(UnaryOp.AddConstant, margins.Storage, margins.Storage, margin); // + Δ
        backend.Map(UnaryOp.MultiplyConstant, targets.Value.Storage, others.Storage, -1.0);
        backend.Map(UnaryOp.AddConstant, others.Storage, others.Storage, 1.0); // 1 − T
    }

    /// <summary>The temporaries of forward and backward, owned by the node (n×C each, s_y and its gradient 1×n).</summary>
    private readonly struct Scratch(Node node, int n, int c)
    {
        public Tensor Margins => node.Saved("Margins", n, c);

        public Tensor Others => node.Saved("Others", n, c);

        public Tensor Hinge => node.Saved("Hinge", n, c);

        public Tensor Active => node.Saved("Active", n, c);

        public Tensor LocalGrad => node.Saved("LocalGrad", n, c);

        public Tensor CorrectGrad => node.Saved("CorrectGrad", 1, n);

        public Tensor Correct => node.Saved("Correct", 1, n);

        public Tensor Routed => node.Saved("Routed", n, c);
    }
}
