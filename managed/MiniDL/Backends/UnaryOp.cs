namespace MiniDL.Backends;

/// <summary>
/// Element-wise functions <c>y = f(x; p)</c> that every backend implements (minitorch's <c>map</c>).
/// The values mirror <c>mdl_unary_op</c> in native/include/minidl.h, so they cross P/Invoke unchanged.
/// </summary>
/// <remarks>
/// Each member's comment gives the function and the derivative that <see cref="IBackend.MapBackward"/> uses.
/// The scalar primitives are the ones Lesson 7 "Neural Network", "Partial Derivative", builds the sigmoid neuron from
/// (<c>1/x → −1/x²</c>, <c>c + x → 1</c>, <c>eˣ → eˣ</c>, <c>a·x → a</c>, negation); the activations are
/// Lesson 7's ("Hàm phi tuyến (Non-linear/Activation function)") and Day 01's ("Activation Functions").
/// </remarks>
public enum UnaryOp
{
    /// <summary><c>y = x</c>, <c>f′ = 1</c>.</summary>
    Identity = 0,
    /// <summary><c>y = −x</c>, <c>f′ = −1</c>.</summary>
    Negate = 1,
    /// <summary><c>y = eˣ</c>, <c>f′ = eˣ = y</c>.</summary>
    Exp = 2,
    /// <summary><c>y = ln x</c>, <c>f′ = 1/x</c>.</summary>
    Log = 3,
    /// <summary><c>y = 1/x</c>, <c>f′ = −1/x²</c>.</summary>
    Reciprocal = 4,
    /// <summary><c>y = x²</c>, <c>f′ = 2x</c>.</summary>
    Square = 5,
    /// <summary><c>y = √x</c>, <c>f′ = 1/(2y)</c>.</summary>
    Sqrt = 6,
    /// <summary><c>y = |x|</c>, <c>f′ = sign(x)</c> (0 at 0).</summary>
    Abs = 7,
    /// <summary><c>y = x + p</c>, <c>f′ = 1</c>.</summary>
    AddConstant = 8,
    /// <summary><c>y = p·x</c>, <c>f′ = p</c>.</summary>
    MultiplyConstant = 9,
    /// <summary><c>y = xᵖ</c>, <c>f′ = p·xᵖ⁻¹</c>.</summary>
    PowConstant = 10,
    /// <summary><c>y = 1/(1 + e⁻ˣ)</c>, <c>f′ = y(1 − y)</c>.</summary>
    Sigmoid = 11,
    /// <summary><c>y = tanh x</c>, <c>f′ = 1 − y²</c>.</summary>
    Tanh = 12,
    /// <summary><c>y = max(0, x)</c>, <c>f′ = [x &gt; 0]</c> (0 at the kink, as PyTorch).</summary>
    Relu = 13,
    /// <summary><c>y = x if x &gt; 0 else γx</c> (p = γ, 0.1 by default), <c>f′ = 1 or γ</c>.</summary>
    LeakyRelu = 14,
    /// <summary><c>y = x if x ≥ 0 else α(eˣ − 1)</c> (p = α), <c>f′ = 1 or y + α</c>.</summary>
    Elu = 15,
}
