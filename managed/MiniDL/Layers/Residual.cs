using MiniDL.Autograd.Nodes;

namespace MiniDL.Layers;

/// <summary>A skip connection around a layer: <c>Y = X + F(X)</c>, F's output as wide as its input.</summary>
/// <remarks>
/// Day 01, "Vanishing and Exploding Gradients": when backpropagated derivatives shrink layer after layer the first
/// layers stop learning; a remedy the lecture names is the skip connection ("Skip Connection").
/// Backward, from Lesson 7 "Neural Network"'s rules: X is used twice (the "Copy Node": its gradients add up) and the
/// two branches meet in an "Addition Node" (both get ∇Y), so <c>∇X = ∇Y + (∂F/∂X)ᵀ∇Y</c>. The identity term reaches X
/// unchanged however small F's derivative is.
/// </remarks>
public sealed class Residual : Layer
{
    /// <summary>Wraps <paramref name="inner"/> (F) in a skip connection.</summary>
    /// <param name="inner">F; its output must have the shape of its input (e.g. <c>Linear(d, d)</c> then an activation).</param>
    public Residual(Layer inner)
        : base((inner ?? throw new ArgumentNullException(nameof(inner))).Backend)
    {
        Inner = inner;
    }

    /// <summary>F, the wrapped layer.</summary>
    public Layer Inner { get; }

    /// <summary><c>Y = X + F(X)</c>.</summary>
    /// <param name="x">X, one sample per row.</param>
    /// <returns>Y, the shape of X.</returns>
    /// <exception cref="ArgumentException">F's output is not shaped like X.</exception>
    public override Node Forward(Node x) => Forward(x, Inner.Forward);

    /// <summary><c>Y = X + F(X)</c> for any function F of nodes (what the gradient checker differentiates).</summary>
    /// <param name="x">X.</param>
    /// <param name="f">F; its output must be shaped like X.</param>
    /// <returns>Y.</returns>
    /// <exception cref="ArgumentException">F's output is not shaped like X.</exception>
    public static Node Forward(Node x, Func<Node, Node> f)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(f);
        var fx = f(x); // X is copied: once into F, once around it
        if (fx.Rows != x.Rows || fx.Columns != x.Columns)
        {
            throw new ArgumentException($"Residual: F maps {x.ShapeText} to {fx.ShapeText}; a skip connection needs F's output as wide as its input.");
        }

        return Add.Forward(x, fx); // Y = X + F(X)
    }

    /// <inheritdoc/>
    public override IEnumerable<Parameter> Parameters() => Inner.Parameters();

    /// <inheritdoc/>
    public override IEnumerable<Parameter> Buffers() => Inner.Buffers();

    /// <inheritdoc/>
    public override Layer To(IBackend backend)
    {
        Inner.To(backend);
        return base.To(backend);
    }

    /// <inheritdoc/>
    public override string ToString() => $"Residual({Inner})";

    /// <inheritdoc/>
    protected override void SetTraining(bool training)
    {
        base.SetTraining(training);
        if (training)
        {
            Inner.Train();
        }
        else
        {
            Inner.Eval();
        }
    }
}
