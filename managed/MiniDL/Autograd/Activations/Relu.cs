using MiniDL.Backends;

namespace MiniDL.Autograd.Activations;

/// <summary>The rectified linear unit <c>ReLU(x) = max(0, x)</c>, element-wise.</summary>
/// <remarks>
/// Forward: <c>y = max(0, x)</c> — lesson 7 (../shared/seeds/001_31ae95545f97e0fa.txt), the 3-DL notes
/// (../shared/seeds/003_f9aa82abd3ac0c0e.txt, 2.2.1) and Day 01 (../shared/seeds/004_33cc2cf3ed509fa4.txt).
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
