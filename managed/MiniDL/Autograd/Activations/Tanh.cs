namespace MiniDL.Autograd.Activations;

/// <summary>The hyperbolic tangent activation <c>tanh x = (eˣ − e⁻ˣ) / (eˣ + e⁻ˣ)</c>, element-wise.</summary>
/// <remarks>
/// Forward: <c>y = tanh x</c> — Lesson 7 "Neural Network" ("Hàm phi tuyến (Non-linear/Activation function)") and Day 01
/// ("tanh"). Backward: <c>∇X = ∇Y ⊙ (1 − y²)</c>.
/// </remarks>
public static class Tanh
{
    /// <summary><c>Y = tanh(X)</c>, element-wise; any shape.</summary>
    /// <param name="x">X.</param>
    /// <returns>Y, the shape of X, every value in (−1, 1).</returns>
    public static Node Forward(Node x)
    {
        return Node.Create("tanh", Tensor.ZerosLike(x.Value), [x],
            y => x.Backend.Map(UnaryOp.Tanh, x.Value.Storage, y.Value.Storage),
            y => Backward(x, y));
    }

    /// <summary>
    /// With <c>u = eˣ</c>, <c>v = e⁻ˣ</c>: <c>tanh x = (u − v)/(u + v)</c>, and <c>u′ = u</c>, <c>v′ = −v</c>.
    /// The quotient rule gives <c>((u + v)(u + v) − (u − v)(u − v)) / (u + v)² = 1 − ((u − v)/(u + v))² = 1 − tanh² x</c>.
    /// So, from the forward output y alone: <c>∂J/∂x = ∂J/∂y · (1 − y²)</c>, element by element; accumulated (<c>+=</c>).
    /// </summary>
    private static void Backward(Node x, Node y)
    {
        if (x.RequiresGrad)
        {
            // ∇X += ∇Y ⊙ (1 − y²)
            y.Backend.MapBackward(UnaryOp.Tanh, x.Value.Storage, y.Value.Storage, y.Grad!.Storage, x.GradOrZeros.Storage);
        }
    }
}
