using MiniDL.Autograd.Activations;

namespace MiniDL.Autograd.Nodes;

/// <summary>
/// Lecture 7's add-bias node fused with the activation that follows it: <c>Y = f(X + B)</c>, B one row broadcast over
/// the rows of X — the <c>a = f(z)</c>, <c>z = XW + b</c> of a hidden layer, in one kernel instead of two.
/// </summary>
/// <remarks>
/// <para>
/// Forward: <c>Y[i,j] = f(X[i,j] + B[j]; p)</c> with one call of <see cref="IBackend.AddBias"/>. The unfused graph,
/// <see cref="AddBias"/> then e.g. <see cref="Relu"/>, writes Z = X + B to memory and reads it back; the fused node never
/// stores Z. For a 128×256 hidden layer that is one pass over 128 KiB instead of three.
/// </para>
/// <para>
/// Backward: <c>∇Z = ∇Y ⊙ f′(Z)</c>, then the add-bias rules <c>∇X = ∇Z</c>, <c>∇B = Σ_rows ∇Z</c>. Z was not kept, so
/// f′(Z) must be computed from Y. That works because for each supported activation f′ is a function of y alone:
/// </para>
/// <list type="bullet">
/// <item>sigmoid: <c>σ′(z) = σ(z)(1 − σ(z)) = y(1 − y)</c>;</item>
/// <item>tanh: <c>tanh′(z) = 1 − tanh²(z) = 1 − y²</c>;</item>
/// <item>ReLU: <c>ReLU′(z) = [z &gt; 0]</c>, and <c>y = max(0, z) &gt; 0</c> exactly when <c>z &gt; 0</c>, so it is <c>[y &gt; 0]</c>;</item>
/// <item>Leaky ReLU with γ ≥ 0: the slope is 1 for z &gt; 0 and γ otherwise; <c>y = z &gt; 0</c> for z &gt; 0 and
/// <c>y = γz ≤ 0</c> otherwise, so <c>[y &gt; 0] = [z &gt; 0]</c> (sign(y) = sign(z) when γ &gt; 0; with γ = 0 it is ReLU);</item>
/// <item>ELU with α &gt; 0: the slope is 1 for z ≥ 0 and <c>αeᶻ = y + α</c> for z &lt; 0 (see <see cref="Elu"/>); for
/// z &lt; 0, <c>y = α(eᶻ − 1) &lt; 0</c>, so <c>[y ≥ 0] = [z ≥ 0]</c> and both branches are computed from y;</item>
/// <item>identity: the slope is 1.</item>
/// </list>
/// <para>
/// So the backend's <see cref="IBackend.MapBackward"/> is called with y in place of x: for ReLU, Leaky ReLU and ELU it
/// only tests the sign of its x argument, and the signs of y and z agree; sigmoid and tanh read y anyway. (For ELU with
/// α ≠ 1 the one disagreement is at z rounding to 0 from below, where the function has a kink.) ∇Z goes into a
/// tensor saved by the node (<see cref="Node.Saved(string, int, int, double)"/>), then <c>∇X += ∇Z</c> and <c>∇B += Σ_rows ∇Z</c>.
/// </para>
/// </remarks>
public static class AddBiasActivation
{
    /// <summary><c>Y = f(X + B)</c>.</summary>
    /// <param name="x">X, shape (n, m).</param>
    /// <param name="b">B, shape (1, m) or (m).</param>
    /// <param name="activation">f: sigmoid, tanh, ReLU, Leaky ReLU (γ in [0, 1]), ELU (α &gt; 0) or identity.</param>
    /// <param name="parameter">γ for Leaky ReLU, α for ELU; ignored otherwise.</param>
    /// <returns>Y, shape (n, m).</returns>
    /// <exception cref="ArgumentException">B is not one row of m values, the operands live on different backends, or
    /// the activation's parameter does not let f′ be computed from y.</exception>
    public static Node Forward(Node x, Node b, Activation activation, double parameter)
    {
        Shapes.RequireSameBackend("add_bias_activation", x, b);
        Shapes.RequireRow("add_bias_activation", x, b);
        var op = activation.ToUnaryOp();
        if (activation == Activation.LeakyRelu && !(parameter >= 0 && parameter <= 1))
        {
            throw new ArgumentException($"add_bias_activation: leaky ReLU γ = {parameter} must be in [0, 1] (input {x.ShapeText}).", nameof(parameter));
        }

        if (activation == Activation.Elu && !(parameter > 0))
        {
            throw new ArgumentException(
                $"add_bias_activation: ELU α = {parameter} must be above 0, or f′ cannot be computed from y (input {x.ShapeText}); use AddBias then Elu.", nameof(parameter));
        }

        return Node.Create("add_bias_activation", Tensor.ZerosLike(x.Value), [x, b],
            y => Compute(x, b, y, op, parameter),
            y => Backward(x, b, y, op, parameter));
    }

    /// <summary><c>Y = f(X + B)</c> in one kernel.</summary>
    internal static void Compute(Node x, Node b, Node y, UnaryOp op, double parameter)
        => x.Backend.AddBias(op, x.Rows, x.Columns, x.Value.Storage, b.Value.Storage, y.Value.Storage, parameter);

    /// <summary>
    /// Whether <paramref name="activation"/> with <paramref name="parameter"/> can be fused (its f′ is a function of y):
    /// every activation except Leaky ReLU with γ outside [0, 1] and ELU with α ≤ 0.
    /// </summary>
    /// <param name="activation">f.</param>
    /// <param name="parameter">γ for Leaky ReLU, α for ELU.</param>
    /// <returns>True when <see cref="Forward(Node, Node, Activation, double)"/> accepts it.</returns>
    public static bool CanFuse(Activation activation, double parameter) => activation switch
    {
        Activation.LeakyRelu => parameter >= 0 && parameter <= 1,
        Activation.Elu => parameter > 0,
        Activation.Sigmoid or Activation.Tanh or Activation.Relu or Activation.Identity => true,
        _ => false,
    };

    /// <summary><c>Y = f(X + B)</c> with the activation's default parameter (γ = 0.1, α = 1).</summary>
    /// <param name="x">X, shape (n, m).</param>
    /// <param name="b">B, shape (1, m) or (m).</param>
    /// <param name="activation">f.</param>
    /// <returns>Y, shape (n, m).</returns>
    public static Node Forward(Node x, Node b, Activation activation) => Forward(x, b, activation, activation.DefaultParameter());

    /// <summary>
    /// How do we prove it? The node is the composition of two nodes whose rules we know: <c>Z = X + B</c> (lecture 7's
    /// add-bias node: <c>∇X = ∇Z</c>, <c>∇B = Σ_rows ∇Z</c>) and <c>Y = f(Z)</c> element-wise (<c>∇Z = ∇Y ⊙ f′(Z)</c>).
    /// The chain rule through the intermediate Z gives exactly these two rules applied one after the other; the only
    /// new step is computing f′(Z) from Y, justified in the remarks above.
    /// </summary>
    internal static void Backward(Node x, Node b, Node y, UnaryOp op, double parameter)
    {
        var backend = y.Backend;
        var dz = y.Saved("dz", y.Rows, y.Columns);
        backend.Fill(dz.Storage, 0.0); // the kernel accumulates; ∇Z is this step's alone
        backend.MapBackward(op, y.Value.Storage, y.Value.Storage, y.Grad!.Storage, dz.Storage, parameter); // ∇Z = ∇Y ⊙ f′, from y
        if (x.RequiresGrad)
        {
            backend.Axpy(1.0, dz.Storage, x.GradOrZeros.Storage); // ∇X += ∇Z
        }

        if (b.RequiresGrad)
        {
            backend.ColumnSums(y.Rows, y.Columns, dz.Storage, 1.0, b.GradOrZeros.Storage); // ∇B += Σ_rows ∇Z
        }
    }
}
