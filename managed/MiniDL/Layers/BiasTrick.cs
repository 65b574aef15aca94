using MiniDL.Autograd.Nodes;

namespace MiniDL.Layers;

/// <summary>
/// IT4653 Lesson 1 "Introduction to deep learning", "Bias trick": before <c>f(xᵢ, W, b) = W xᵢ + b</c>, after
/// <c>f(xᵢ, W) = W xᵢ</c>, with a constant 1 appended to every input and b folded into W.
/// </summary>
/// <remarks>
/// In MiniDL's row convention (a sample per row, <c>Y = X W + b</c>): <c>[X, 1] · [W; b] = X W + 1 · b = X W + b</c>,
/// W (d×m) gaining b as an extra last row. Gradients by the matmul rule: <c>∇[W; b] = [X, 1]ᵀ ∇Y = [Xᵀ∇Y; 1ᵀ∇Y]</c>,
/// the first d rows are <see cref="Linear"/>'s <c>∇W = Xᵀ∇Y</c> and the last is the "Add Bias Node"'s
/// <c>∇b = Σ_rows ∇Y</c>. <see cref="Linear"/> keeps W and b apart (the bias is not regularized); this class shows the two are the same function.
/// </remarks>
public static class BiasTrick
{
    /// <summary><c>x ← [x, 1]</c>: appends a column of ones.</summary>
    /// <param name="x">X, n×d.</param>
    /// <returns>[X, 1], n×(d+1), on X's backend.</returns>
    public static Tensor AppendOne(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        var v = x.ToArray();
        int d = x.Columns;
        var augmented = new double[x.Rows * (d + 1)];
        for (int i = 0; i < x.Rows; i++)
        {
            Array.Copy(v, i * d, augmented, i * (d + 1), d);
            augmented[(i * (d + 1)) + d] = 1.0;
        }

        return Tensor.FromArray(augmented, x.Rows, d + 1, x.Backend);
    }

    /// <summary>Folds b into W as an extra last row: <c>[W; b]</c>.</summary>
    /// <param name="w">W, d×m.</param>
    /// <param name="b">b, 1×m.</param>
    /// <returns>[W; b], (d+1)×m, on W's backend.</returns>
    /// <exception cref="ArgumentException">b is not 1×m.</exception>
    public static Tensor Fold(Tensor w, Tensor b)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(b);
        if (b.Rows != 1 || b.Columns != w.Columns)
        {
            throw new ArgumentException($"BiasTrick.Fold: b must be 1×{w.Columns}, got {b.Rows}×{b.Columns}.", nameof(b));
        }

        return Tensor.FromArray([.. w.ToArray(), .. b.ToArray()], w.Rows + 1, w.Columns, w.Backend);
    }

    /// <summary>After the trick: <c>f([X, 1], [W; b]) = [X, 1] · [W; b]</c>, one matmul node.</summary>
    /// <param name="xWithOne">[X, 1], n×(d+1) (<see cref="AppendOne"/>).</param>
    /// <param name="wb">[W; b], (d+1)×m (<see cref="Fold"/>).</param>
    /// <returns>Y = X W + b, n×m.</returns>
    public static Node Forward(Node xWithOne, Node wb) => MatMul.Forward(xWithOne, wb);
}
