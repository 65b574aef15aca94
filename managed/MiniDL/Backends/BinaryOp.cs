namespace MiniDL.Backends;

/// <summary>
/// Element-wise functions <c>c = a ∘ b</c> that every backend implements (minitorch's <c>zip</c>).
/// The values mirror <c>mdl_binary_op</c> in native/include/minidl.h.
/// </summary>
public enum BinaryOp
{
    /// <summary><c>c = a + b</c>; <c>∂c/∂a = 1</c>, <c>∂c/∂b = 1</c> (lecture 7's add node).</summary>
    Add = 0,
    /// <summary><c>c = a − b</c>; <c>∂c/∂a = 1</c>, <c>∂c/∂b = −1</c>.</summary>
    Subtract = 1,
    /// <summary><c>c = a ⊙ b</c>; <c>∂c/∂a = b</c>, <c>∂c/∂b = a</c> (lecture 7's element-wise multiply node).</summary>
    Multiply = 2,
    /// <summary><c>c = a / b</c>; <c>∂c/∂a = 1/b</c>, <c>∂c/∂b = −a/b²</c>.</summary>
    Divide = 3,
    /// <summary><c>c = max(a, b)</c>; the gradient goes to <c>a</c> when <c>a ≥ b</c>, else to <c>b</c> (Maxout).</summary>
    Max = 4,
}
