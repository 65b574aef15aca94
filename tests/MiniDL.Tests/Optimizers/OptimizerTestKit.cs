using MiniDL.Autograd;
using MiniDL.Autograd.Nodes;
using MiniDL.Layers;

namespace MiniDL.Tests.Optimizers;

/// <summary>Tiny objectives whose gradients are known by hand.</summary>
internal static class OptimizerTestKit
{
    public static Parameter Param(params double[] values) => new("w", Tensor.FromArray(values, 1, values.Length));

    /// <summary>J = Σ c ⊙ w, so ∇w = c (a constant gradient).</summary>
    public static void LinearBackward(Parameter w, params double[] c)
    {
        var j = Sum.Forward(Multiply.Forward(w.Node, Node.Constant(Tensor.FromArray(c, 1, c.Length))));
        j.Backward();
        j.ReleaseGraph();
    }

    /// <summary>J = Σ w², so ∇w = 2w.</summary>
    public static void SquareBackward(Parameter w)
    {
        var j = Sum.Forward(Square.Forward(w.Node));
        j.Backward();
        j.ReleaseGraph();
    }
}
