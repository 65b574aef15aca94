namespace MiniDL.Autograd.Nodes;

/// <summary>The backward step shared by the element-wise two-input nodes (multiply, subtract, divide, maximum).</summary>
internal static class ZipGradient
{
    /// <summary>
    /// <c>∇X₁ += ∇Y ⊙ ∂Y/∂X₁</c> and <c>∇X₂ += ∇Y ⊙ ∂Y/∂X₂</c> with the partials of <paramref name="op"/>
    /// (IBackend.ZipBackward); an input that takes no gradient is skipped (null buffer).
    /// When X₁ and X₂ are the same node both shares go into its one gradient, added one after the other so
    /// that no kernel is handed one buffer as both of its outputs (the copy rule, applied in two steps).
    /// </summary>
    internal static void Accumulate(BinaryOp op, Node x1, Node x2, Node y)
    {
        var backend = y.Backend;
        var dx1 = x1.RequiresGrad ? x1.GradOrZeros.Storage : null;
        var dx2 = x2.RequiresGrad ? x2.GradOrZeros.Storage : null;
        if (ReferenceEquals(x1, x2) && dx1 is not null)
        {
            backend.ZipBackward(op, x1.Value.Storage, x2.Value.Storage, y.Grad!.Storage, dx1, null);
            backend.ZipBackward(op, x1.Value.Storage, x2.Value.Storage, y.Grad!.Storage, null, dx2);
            return;
        }

        backend.ZipBackward(op, x1.Value.Storage, x2.Value.Storage, y.Grad!.Storage, dx1, dx2);
    }
}
