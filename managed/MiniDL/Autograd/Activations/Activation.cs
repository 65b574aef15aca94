namespace MiniDL.Autograd.Activations;

/// <summary>The element-wise activations a layer can be built with (lesson 7, the 3-DL notes, Day 01).</summary>
public enum Activation
{
    /// <summary><c>σ(x) = 1/(1 + e⁻ˣ)</c>: <see cref="Autograd.Activations.Sigmoid"/>.</summary>
    Sigmoid,

    /// <summary><c>tanh x</c>: <see cref="Autograd.Activations.Tanh"/>.</summary>
    Tanh,

    /// <summary><c>max(0, x)</c>: <see cref="Autograd.Activations.Relu"/>.</summary>
    Relu,

    /// <summary><c>max(γx, x)</c>, parameter γ (0.1 by default): <see cref="Autograd.Activations.LeakyRelu"/>.</summary>
    LeakyRelu,

    /// <summary><c>x if x ≥ 0 else α(eˣ − 1)</c>, parameter α (1 by default): <see cref="Autograd.Activations.Elu"/>.</summary>
    Elu,

    /// <summary><c>y = x</c>: no activation (a linear output layer, e.g. for regression).</summary>
    Identity,
}

/// <summary>Applies an <see cref="Activation"/> chosen at run time (what a layer with an activation argument calls).</summary>
public static class ActivationFunctions
{
    /// <summary>
    /// Applies <paramref name="kind"/> to <paramref name="x"/>: the node of <see cref="Sigmoid"/>, <see cref="Tanh"/>,
    /// <see cref="Relu"/>, <see cref="LeakyRelu"/> or <see cref="Elu"/>; for <see cref="Activation.Identity"/> it returns
    /// <paramref name="x"/> itself (no node).
    /// </summary>
    /// <param name="kind">The activation.</param>
    /// <param name="x">The pre-activation.</param>
    /// <param name="parameter">γ for <see cref="Activation.LeakyRelu"/>, α for <see cref="Activation.Elu"/>; ignored otherwise.</param>
    /// <exception cref="ArgumentException"><paramref name="kind"/> is not a member of <see cref="Activation"/>.</exception>
    public static Node Apply(Activation kind, Node x, double parameter) => kind switch
    {
        Activation.Sigmoid => Sigmoid.Forward(x),
        Activation.Tanh => Tanh.Forward(x),
        Activation.Relu => Relu.Forward(x),
        Activation.LeakyRelu => LeakyRelu.Forward(x, parameter),
        Activation.Elu => Elu.Forward(x, parameter),
        Activation.Identity => x,
        _ => throw new ArgumentException($"activation: unknown kind {(int)kind} (input {x.ShapeText}).", nameof(kind)),
    };

    /// <summary>Applies <paramref name="kind"/> with its default parameter (<see cref="DefaultParameter"/>).</summary>
    /// <param name="kind">The activation.</param>
    /// <param name="x">The pre-activation.</param>
    public static Node Apply(Activation kind, Node x) => Apply(kind, x, kind.DefaultParameter());

    /// <summary>The lectures' default parameter: γ = 0.1 for leaky ReLU, α = 1 for ELU, 0 for the others.</summary>
    /// <param name="kind">The activation.</param>
    public static double DefaultParameter(this Activation kind) => kind switch
    {
        Activation.LeakyRelu => LeakyRelu.DefaultGamma,
        Activation.Elu => Elu.DefaultAlpha,
        _ => 0.0,
    };

    /// <summary>
    /// The backend's <see cref="UnaryOp"/> for <paramref name="kind"/>, e.g. for the fused add-bias + activation kernel
    /// <see cref="IBackend.AddBias"/>.
    /// </summary>
    /// <param name="kind">The activation.</param>
    /// <exception cref="ArgumentException"><paramref name="kind"/> is not a member of <see cref="Activation"/>.</exception>
    public static UnaryOp ToUnaryOp(this Activation kind) => kind switch
    {
        Activation.Sigmoid => UnaryOp.Sigmoid,
        Activation.Tanh => UnaryOp.Tanh,
        Activation.Relu => UnaryOp.Relu,
        Activation.LeakyRelu => UnaryOp.LeakyRelu,
        Activation.Elu => UnaryOp.Elu,
        Activation.Identity => UnaryOp.Identity,
        _ => throw new ArgumentException($"activation: unknown kind {(int)kind}.", nameof(kind)),
    };
}
