namespace MiniDL.Autograd.Activations;

/// <summary>The rectified linear unit <c>ReLU(x) = max(0, x)</c>, element-wise.</summary>
/// <remarks>
/// Forward: <c>y = max(0, x)</c> — Lesson 7 "Neural Network" ("REctified Linear Unit (ReLU)"), the
/// "Deep learning and neural networks" notes ("2.2.1. ReLU") and Day 01 ("ReLU").
/// Backward: <c>∇X = ∇Y ⊙ [x &gt; 0]</c>. At the kink x = 0 the function has no derivative; any value in [0, 1] is a
/// subgradient. MiniDL uses <c>ReLU′(0) = 0</c>, as PyTorch does (the lectures do not say).
/// </remarks>
public static class Relu
{
    /// <summary><c>Y = max(0, X)</c>, element-wise; any shape.</summary>
    /// <param name="x">X.</param>
    /// <returns>Y, the shape of X.</returns>
    public static Node Forward(Node x)
    {
        return Node.Create("relu", Tensor.ZerosLike(x.Value), [x],
            y => x.Backend.Map(UnaryOp.Relu, x.Value.Storage, y.Value.Storage),
            y => Backward(x, y));
    }

    /// <summary>
    /// For x &gt; 0, <c>y = x</c> so <c>∂y/∂x = 1</c>; for x &lt; 0, <c>y = 0</c> so <c>∂y/∂x = 0</c>. At x = 0 the left
    /// and right slopes (0 and 1) differ; we take 0 (PyTorch's choice). Hence <c>∂J/∂x = ∂J/∂y · [x &gt; 0]</c>:
    /// ReLU is a gate that lets the gradient through only where the unit was active (Day 01's "GateKeeping").
    /// Accumulated (<c>+=</c>).
    /// </summary>
    private static void Backward(Node x, Node y)
    {
        if (x.RequiresGrad)
        {
            // ∇X += ∇Y ⊙ [x > 0]
            y.Backend.MapBackward(UnaryOp.Relu, x.Value.Storage, y.Value.Storage, y.Grad!.Storage, x.GradOrZeros.Storage);
        }
    }
}
