using MiniDL.Autograd.Activations;
using MiniDL.Autograd.Nodes;

namespace MiniDL.GradCheck;

public static partial class GradCheckSuite
{
    /// <summary>
    /// Lecture 7's six node types, the scalar primitives of its sigmoid-neuron graph, and the helper nodes the
    /// activations, losses and layers are composed from. Inputs are kept away from kinks and poles:
    /// positive for ln, √ and powers, away from 0 for 1/x, ÷ and |x|, and apart for max.
    /// </summary>
    static partial void AddNodes(List<GradCheckCase> cases)
    {
        // Lecture 7's node-wise gradient rules.
        cases.Add(new("copy", v =>
        {
            var c = Copy.Forward(v[0], 3);
            return Add.Forward(Multiply.Forward(c[0], c[1]), c[2]);
        }, (b, r) => [Uniform(b, r, 3, 4)]));
        cases.Add(new("add", v => Add.Forward(v[0], v[1]), (b, r) => [Uniform(b, r, 3, 4), Uniform(b, r, 3, 4)]));
        cases.Add(new("transpose", v => Transpose.Forward(v[0]), (b, r) => [Uniform(b, r, 3, 5)]));
        cases.Add(new("multiply", v => Multiply.Forward(v[0], v[1]), (b, r) => [Uniform(b, r, 3, 4), Uniform(b, r, 3, 4)]));
        cases.Add(new("add_bias", v => AddBias.Forward(v[0], v[1]), (b, r) => [Uniform(b, r, 4, 3), Uniform(b, r, 1, 3)]));
        cases.Add(new("matmul", v => MatMul.Forward(v[0], v[1]), (b, r) => [Uniform(b, r, 4, 3), Uniform(b, r, 3, 5)]));

        // The add-bias node fused with the activation that follows it (a hidden layer's f(XW + b)); ReLU-like
        // activations have a kink at 0, so X + B is kept away from 0 (B = 0.3, X at least 0.5 from −0.3).
        cases.Add(new("add_bias_activation(sigmoid)", v => AddBiasActivation.Forward(v[0], v[1], Activation.Sigmoid), (b, r) => [Uniform(b, r, 4, 3), Uniform(b, r, 1, 3)]));
        cases.Add(new("add_bias_activation(tanh)", v => AddBiasActivation.Forward(v[0], v[1], Activation.Tanh), (b, r) => [Uniform(b, r, 4, 3), Uniform(b, r, 1, 3)]));
        cases.Add(new("add_bias_activation(relu)", v => AddBiasActivation.Forward(v[0], v[1], Activation.Relu), (b, r) => [ShiftedAwayFromZero(b, r, 4, 3, -0.3), Constant(b, 1, 3, 0.3)]));
        cases.Add(new("add_bias_activation(leaky_relu)", v => AddBiasActivation.Forward(v[0], v[1], Activation.LeakyRelu), (b, r) => [ShiftedAwayFromZero(b, r, 4, 3, -0.3), Constant(b, 1, 3, 0.3)]));
        cases.Add(new("add_bias_activation(elu)", v => AddBiasActivation.Forward(v[0], v[1], Activation.Elu, 0.7), (b, r) => [ShiftedAwayFromZero(b, r, 4, 3, -0.3), Constant(b, 1, 3, 0.3)]));

        // The scalar primitives of lecture 7's sigmoid neuron.
        cases.Add(new("negate", v => Negate.Forward(v[0]), (b, r) => [Uniform(b, r, 3, 4)]));
        cases.Add(new("exp", v => Exp.Forward(v[0]), (b, r) => [Uniform(b, r, 3, 4)]));
        cases.Add(new("add_constant", v => AddConstant.Forward(v[0], 1.0), (b, r) => [Uniform(b, r, 3, 4)]));
        cases.Add(new("multiply_constant", v => MultiplyConstant.Forward(v[0], -2.5), (b, r) => [Uniform(b, r, 3, 4)]));
        cases.Add(new("reciprocal", v => Reciprocal.Forward(v[0]), (b, r) => [AwayFromZero(b, r, 3, 4, gap: 0.5)]));

        // Helpers for the activations, losses and layers.
        cases.Add(new("subtract", v => Subtract.Forward(v[0], v[1]), (b, r) => [Uniform(b, r, 3, 4), Uniform(b, r, 3, 4)]));
        cases.Add(new("divide", v => Divide.Forward(v[0], v[1]), (b, r) => [Uniform(b, r, 3, 4), AwayFromZero(b, r, 3, 4, gap: 0.5)]));
        cases.Add(new("log", v => Log.Forward(v[0]), (b, r) => [Uniform(b, r, 3, 4, lo: 0.2, hi: 3)]));
        cases.Add(new("square", v => Square.Forward(v[0]), (b, r) => [Uniform(b, r, 3, 4)]));
        cases.Add(new("sqrt", v => Sqrt.Forward(v[0]), (b, r) => [Uniform(b, r, 3, 4, lo: 0.2, hi: 3)]));
        cases.Add(new("abs", v => Abs.Forward(v[0]), (b, r) => [AwayFromZero(b, r, 3, 4)]));
        cases.Add(new("pow_constant", v => PowConstant.Forward(v[0], 2.5), (b, r) => [Uniform(b, r, 3, 4, lo: 0.2, hi: 3)]));
        cases.Add(new("sum", v => Sum.Forward(v[0]), (b, r) => [Uniform(b, r, 3, 4)]));
        cases.Add(new("mean", v => Mean.Forward(v[0]), (b, r) => [Uniform(b, r, 3, 4)]));
        cases.Add(new("column_sums", v => ColumnSums.Forward(v[0]), (b, r) => [Uniform(b, r, 3, 4)]));
        cases.Add(new("row_sums", v => RowSums.Forward(v[0]), (b, r) => [Uniform(b, r, 3, 4)]));
        cases.Add(new("row_broadcast(multiply)", v => RowBroadcast.Forward(BinaryOp.Multiply, v[0], v[1]), (b, r) => [Uniform(b, r, 4, 3), Uniform(b, r, 1, 3)]));
        cases.Add(new("row_broadcast(divide)", v => RowBroadcast.Forward(BinaryOp.Divide, v[0], v[1]), (b, r) => [Uniform(b, r, 4, 3), AwayFromZero(b, r, 1, 3, gap: 0.5)]));
        cases.Add(new("column_broadcast(subtract)", v => ColumnBroadcast.Forward(BinaryOp.Subtract, v[0], v[1]), (b, r) => [Uniform(b, r, 4, 3), Uniform(b, r, 4, 1)]));
        cases.Add(new("column_broadcast(divide)", v => ColumnBroadcast.Forward(BinaryOp.Divide, v[0], v[1]), (b, r) => [Uniform(b, r, 4, 3), AwayFromZero(b, r, 4, 1, gap: 0.5)]));
        cases.Add(new("maximum", v => Maximum.Forward(v[0], v[1]), (b, r) =>
        {
            // X₂ = X₁ ± [0.2, 1]: the two inputs never tie, so the max has no kink near the point.
            var x1 = Uniform(b, r, 3, 4);
            var gap = AwayFromZero(b, r, 3, 4, gap: 0.2, hi: 1).ToArray();
            var a = x1.ToArray();
            for (int i = 0; i < a.Length; i++)
            {
                gap[i] += a[i];
            }

            return [x1, Tensor.FromArray(gap, 3, 4, b)];
        }));
    }

    /// <summary><paramref name="shift"/> plus values at least 0.5 away from 0: X + (−shift) stays away from the kink at 0.</summary>
    private static Tensor ShiftedAwayFromZero(IBackend backend, Random rng, int rows, int columns, double shift)
    {
        var v = AwayFromZero(backend, rng, rows, columns, gap: 0.5).ToArray();
        for (int i = 0; i < v.Length; i++)
        {
            v[i] += shift;
        }

        return Tensor.FromArray(v, rows, columns, backend);
    }

    private static Tensor Constant(IBackend backend, int rows, int columns, double value)
    {
        var v = new double[rows * columns];
        Array.Fill(v, value);
        return Tensor.FromArray(v, rows, columns, backend);
    }
}
