using A = MiniDL.Autograd.Activations;
using L = MiniDL.Autograd.Losses;
using N = MiniDL.Autograd.Nodes;

namespace MiniDL.Tests.Autograd;

/// <summary>
/// Every node, activation and loss with its bounded, kink-free input generator (shapes 1…6): the gradient test of
/// each file calls <see cref="GraphCase.CheckGradients"/> on its case, and <see cref="CopyRuleTests"/> checks the copy
/// rule on all of them.
/// </summary>
internal static class GraphCases
{
    private static readonly Gen<double> Any = Generators.Value(-2, 2);
    private static readonly Gen<double> Positive = Generators.Value(0.2, 3);

    // ---- nodes ----
    public static readonly GraphCase Abs = Unary("abs", Generators.AwayFromZero(-2, 2, 0.1), v => N.Abs.Forward(v[0]));
    public static readonly GraphCase Add = Case("add", Two(Any, Any), v => N.Add.Forward(v[0], v[1]));
    public static readonly GraphCase AddBias = Case("add_bias", XAndRow(Any, Any), v => N.AddBias.Forward(v[0], v[1]));
    public static readonly GraphCase AddConstant = Unary("add_constant", Any, v => N.AddConstant.Forward(v[0], 1.0));
    public static readonly GraphCase Copy = Unary("copy", Any, v =>
    {
        var y = N.Copy.Forward(v[0], 3);
        return N.Add.Forward(N.Multiply.Forward(y[0], y[1]), y[2]);
    });

    public static readonly GraphCase Divide = Case("divide", Two(Any, Generators.AwayFromZero(-3, 3, 0.5)), v => N.Divide.Forward(v[0], v[1]));
    public static readonly GraphCase Exp = Unary("exp", Any, v => N.Exp.Forward(v[0]));
    public static readonly GraphCase Log = Unary("log", Positive, v => N.Log.Forward(v[0]));
    public static readonly GraphCase Mean = Unary("mean", Any, v => N.Mean.Forward(v[0]));
    public static readonly GraphCase Multiply = Case("multiply", Two(Any, Any), v => N.Multiply.Forward(v[0], v[1]));
    public static readonly GraphCase MultiplyConstant = Unary("multiply_constant", Any, v => N.MultiplyConstant.Forward(v[0], -2.5));
    public static readonly GraphCase Negate = Unary("negate", Any, v => N.Negate.Forward(v[0]));
    public static readonly GraphCase PowConstant = Unary("pow_constant", Positive, v => N.PowConstant.Forward(v[0], 2.5));
    public static readonly GraphCase Reciprocal = Unary("reciprocal", Generators.AwayFromZero(-3, 3, 0.5), v => N.Reciprocal.Forward(v[0]));
    public static readonly GraphCase Sqrt = Unary("sqrt", Positive, v => N.Sqrt.Forward(v[0]));
    public static readonly GraphCase Square = Unary("square", Any, v => N.Square.Forward(v[0]));
    public static readonly GraphCase Subtract = Case("subtract", Two(Any, Any), v => N.Subtract.Forward(v[0], v[1]));
    public static readonly GraphCase Sum = Unary("sum", Any, v => N.Sum.Forward(v[0]));
    public static readonly GraphCase RowSums = Unary("row_sums", Any, v => N.RowSums.Forward(v[0]));
    public static readonly GraphCase ColumnSums = Unary("column_sums", Any, v => N.ColumnSums.Forward(v[0]));
    public static readonly GraphCase Transpose = Unary("transpose", Any, v => N.Transpose.Forward(v[0]));

    /// <summary>X (n×d) and W (d×m).</summary>
    public static readonly GraphCase MatMul = Case(
        "matmul",
        from n in Generators.Dimension
        from d in Generators.Dimension
        from m in Generators.Dimension
        from x in Generators.Matrix(n, d, Any)
        from w in Generators.Matrix(d, m, Any)
        select new[] { x, w },
        v => N.MatMul.Forward(v[0], v[1]));

    /// <summary>X₂ = X₁ + d with |d| ≥ 0.2: the inputs never tie, so the max has no kink near the point.</summary>
    public static readonly GraphCase Maximum = Case(
        "maximum",
        Shifted(Generators.AwayFromZero(-1, 1, 0.2)).Select(p => new[] { p.X, p.Shifted }),
        v => N.Maximum.Forward(v[0], v[1]));

    /// <summary>The row stays away from 0 (divide) and X from R by at least 0.2 (max has a kink on ties).</summary>
    public static GraphCase RowBroadcast(BinaryOp op) => Case(
        $"row_broadcast({op})",
        from n in Generators.Dimension
        from m in Generators.Dimension
        from r in Generators.Matrix(1, m, Generators.AwayFromZero(-2, 2, 0.5))
        from d in Generators.Matrix(n, m, Generators.AwayFromZero(-1, 1, 0.2))
        select new[] { new MatrixCase(n, m, d.Values.Select((v, k) => v + r.Values[k % m]).ToArray()), r },
        v => N.RowBroadcast.Forward(op, v[0], v[1]));

    /// <summary>The column stays away from 0 (divide) and X from C by at least 0.2 (max has a kink on ties).</summary>
    public static GraphCase ColumnBroadcast(BinaryOp op) => Case(
        $"column_broadcast({op})",
        from n in Generators.Dimension
        from m in Generators.Dimension
        from c in Generators.Matrix(n, 1, Generators.AwayFromZero(-2, 2, 0.5))
        from d in Generators.Matrix(n, m, Generators.AwayFromZero(-1, 1, 0.2))
        select new[] { new MatrixCase(n, m, d.Values.Select((v, k) => v + c.Values[k / m]).ToArray()), c },
        v => N.ColumnBroadcast.Forward(op, v[0], v[1]));

    /// <summary>X at least 0.1 from 0 and |B| ≤ 0.05: X + B stays 0.05 away from the kink of ReLU, Leaky ReLU and ELU.</summary>
    public static GraphCase AddBiasActivation(Activation kind)
    {
        double parameter = kind == Activation.Elu ? 0.7 : kind.DefaultParameter();
        return Case(
            $"add_bias_activation({kind})",
            XAndRow(Generators.AwayFromZero(-2, 2, 0.1), Generators.Value(-0.05, 0.05)),
            v => N.AddBiasActivation.Forward(v[0], v[1], kind, parameter));
    }

    // ---- activations ----
    public static readonly GraphCase Sigmoid = Unary("sigmoid", Generators.Value(-4, 4), v => A.Sigmoid.Forward(v[0]));
    public static readonly GraphCase Tanh = Unary("tanh", Generators.Value(-3, 3), v => A.Tanh.Forward(v[0]));
    public static readonly GraphCase Relu = Unary("relu", Generators.AwayFromZero(-2, 2, 0.1), v => A.Relu.Forward(v[0]));
    public static readonly GraphCase Softmax = Unary("softmax", Generators.Value(-3, 3), v => A.Softmax.Forward(v[0]));
    public static readonly GraphCase LogSoftmax = Unary("log_softmax", Generators.Value(-3, 3), v => A.LogSoftmax.Forward(v[0]));

    /// <summary>X away from the kink at 0, α drawn in [0.1, 2].</summary>
    public static readonly GraphCase Elu = new(
        "elu",
        from x in Generators.AnyMatrix(Generators.AwayFromZero(-3, 3, 0.1))
        from alpha in Generators.Value(0.1, 2)
        select new GraphPoint([x], v => A.Elu.Forward(v[0], alpha), $", α={alpha}"));

    /// <summary>X away from the kink at 0, γ drawn in [0, 1].</summary>
    public static readonly GraphCase LeakyRelu = new(
        "leaky_relu",
        from x in Generators.AnyMatrix(Generators.AwayFromZero(-2, 2, 0.1))
        from gamma in Generators.Value(0, 1)
        select new GraphPoint([x], v => A.LeakyRelu.Forward(v[0], gamma), $", γ={gamma}"));

    /// <summary>Maxout's X (n×d), k weights (d×m) and k biases (1×m).</summary>
    public sealed record MaxoutPieces(MatrixCase X, MatrixCase[] W, MatrixCase[] B)
    {
        /// <inheritdoc/>
        public override string ToString() => $"X={X}, W=[{string.Join("; ", W.Select(w => w.ToString()))}], b=[{string.Join("; ", B.Select(b => b.ToString()))}]";
    }

    /// <summary>X (n×d), k weights (d×m), k biases (1×m), drawn so that the pieces are pairwise at least 0.05 apart.</summary>
    public static readonly Gen<MaxoutPieces> MaxoutPoints =
        (from n in Generators.Dimension
         from d in Generators.Dimension
         from m in Generators.Dimension
         from k in Gen.Choose(1, 3)
         from x in Generators.Matrix(n, d, Any)
         from w in Gen.ArrayOf(Generators.Matrix(d, m, Any), k)
         from b in Gen.ArrayOf(Generators.Matrix(1, m, Any), k)
         select new MaxoutPieces(x, w, b))
        .Where(c => GradCheckSuite.MaxoutMinGap(c.X.Values, c.W.Select(w => w.Values).ToArray(), c.B.Select(b => b.Values).ToArray(), c.X.Rows, c.X.Columns, c.W[0].Columns) >= 0.05);

    public static readonly GraphCase Maxout = new(
        "maxout",
        MaxoutPoints.Select(c => new GraphPoint([c.X, .. c.W, .. c.B], v => A.Maxout.Forward(v[0], v[1..(c.W.Length + 1)], v[(c.W.Length + 1)..]))));

    // ---- losses (input 1, the target, is a constant) ----

    /// <summary>Probabilities in [0.05, 0.95] and labels: 0/1 or soft in [0, 1].</summary>
    public static readonly Gen<(MatrixCase P, MatrixCase Y)> ProbabilitiesAndLabels =
        from r in Generators.Dimension
        from c in Generators.Dimension
        from p in Generators.Matrix(r, c, Generators.Value(0.05, 0.95))
        from soft in Gen.Elements(false, true)
        from y in Generators.Matrix(r, c, soft ? Generators.Value(0, 1) : Gen.Elements(0.0, 1.0))
        select (p, y);

    /// <summary>Binary cross-entropy at <see cref="ProbabilitiesAndLabels"/>, both reductions.</summary>
    public static readonly GraphCase BinaryCrossEntropy = new(
        "bce",
        from t in ProbabilitiesAndLabels
        from reduction in Gen.Elements(Reduction.Mean, Reduction.Sum)
        select new GraphPoint([t.P, t.Y], v => L.BinaryCrossEntropy.Forward(v[0], v[1], reduction), $", {reduction}"),
        1);

    /// <summary>Probabilities in [0.05, 1] and one-hot targets.</summary>
    public static readonly GraphCase CategoricalCrossEntropy = Case(
        "cce",
        from n in Generators.Dimension
        from c in Generators.Dimension
        from p in Generators.Matrix(n, c, Generators.Value(0.05, 1))
        from labels in Gen.ArrayOf(Gen.Choose(0, c - 1), n)
        select new[] { p, OneHot(labels, c) },
        v => L.CategoricalCrossEntropy.Forward(v[0], v[1]),
        1);

    /// <summary>ŷ = y + e with |e| ≥ 0.1: away from the kink of |ŷ − y|.</summary>
    public static readonly GraphCase MeanAbsoluteError = Case(
        "mae",
        Shifted(Generators.AwayFromZero(-2, 2, 0.1)).Select(p => new[] { p.Shifted, p.X }),
        v => L.MeanAbsoluteError.Forward(v[0], v[1]),
        1);

    public static readonly GraphCase MeanSquaredError = Case("mse", Two(Any, Any), v => L.MeanSquaredError.Forward(v[0], v[1]), 1);

    /// <summary>
    /// Scores with every hinge margin <c>s_j − s_y + 1</c> (j ≠ y) at least 0.1 away from 0: draw s_y and the margins,
    /// then set <c>s_j = s_y − 1 + margin_j</c>.
    /// </summary>
    public static readonly Gen<MatrixCase[]> SvmPoints =
        from n in Generators.Dimension
        from c in Generators.Dimension
        from labels in Gen.ArrayOf(Gen.Choose(0, c - 1), n)
        from correct in Gen.ArrayOf(Any, n)
        from margins in Gen.ArrayOf(Generators.AwayFromZero(-2, 2, 0.1), n * c)
        select new[]
        {
            new MatrixCase(n, c, Enumerable.Range(0, n * c)
                .Select(k => k % c == labels[k / c] ? correct[k / c] : correct[k / c] - 1 + margins[k]).ToArray()),
            OneHot(labels, c),
        };

    public static readonly GraphCase MulticlassSvm = Case("multiclass_svm", SvmPoints, v => L.MulticlassSvm.Forward(v[0], v[1]), 1);

    public static readonly GraphCase SoftmaxCrossEntropy = Case("softmax_cross_entropy", LogitsAndTargets(3), v => L.SoftmaxCrossEntropy.Forward(v[0], v[1]), 1);

    /// <summary>Logits in [−3, 3], one-hot targets and class weights in [0.1, 1].</summary>
    public static readonly Gen<(MatrixCase Z, MatrixCase T, double[] W)> WeightedPoints =
        from n in Generators.Dimension
        from c in Generators.Dimension
        from z in Generators.Matrix(n, c, Generators.Value(-3, 3))
        from labels in Gen.ArrayOf(Gen.Choose(0, c - 1), n)
        from w in Gen.ArrayOf(Generators.Value(0.1, 1), c)
        select (z, OneHot(labels, c), w);

    public static readonly GraphCase WeightedCrossEntropy = new(
        "weighted_cross_entropy",
        WeightedPoints.Select(x => new GraphPoint([x.Z, x.T], v => L.WeightedCrossEntropy.Forward(v[0], v[1], Tensor.Vector(x.W, v[0].Backend)), $", w=[{string.Join(", ", x.W)}]")),
        1);

    /// <summary>Every case: each node (each broadcast op, each fused activation), activation and loss.</summary>
    public static IEnumerable<GraphCase> All =>
    [
        Abs, Add, AddBias, AddConstant, Copy, Divide, Exp, Log, MatMul, Maximum, Mean, Multiply, MultiplyConstant, Negate,
        PowConstant, Reciprocal, Sqrt, Square, Subtract, Sum, RowSums, ColumnSums, Transpose,
        .. Enum.GetValues<BinaryOp>().Select(RowBroadcast),
        .. Enum.GetValues<BinaryOp>().Select(ColumnBroadcast),
        .. Enum.GetValues<Activation>().Select(AddBiasActivation),
        Sigmoid, Tanh, Relu, LeakyRelu, Elu, Softmax, LogSoftmax, Maxout,
        BinaryCrossEntropy, CategoricalCrossEntropy, MeanAbsoluteError, MeanSquaredError, MulticlassSvm, SoftmaxCrossEntropy,
        WeightedCrossEntropy,
    ];

    /// <summary>One matrix of random shape with values from <paramref name="value"/>.</summary>
    public static Gen<MatrixCase[]> One(Gen<double> value)
        => from r in Generators.Dimension
           from c in Generators.Dimension
           from x in Generators.Matrix(r, c, value)
           select new[] { x };

    /// <summary>Two matrices of the same random shape, values from <paramref name="first"/> and <paramref name="second"/>.</summary>
    public static Gen<MatrixCase[]> Two(Gen<double> first, Gen<double> second)
        => from r in Generators.Dimension
           from c in Generators.Dimension
           from a in Generators.Matrix(r, c, first)
           from b in Generators.Matrix(r, c, second)
           select new[] { a, b };

    /// <summary>Logits (n×c) in [−range, range] and one-hot targets.</summary>
    public static Gen<MatrixCase[]> LogitsAndTargets(double range)
        => from n in Generators.Dimension
           from c in Generators.Dimension
           from z in Generators.Matrix(n, c, Generators.Value(-range, range))
           from labels in Gen.ArrayOf(Gen.Choose(0, c - 1), n)
           select new[] { z, OneHot(labels, c) };

    /// <summary>One-hot rows: row i has a 1 in column labels[i].</summary>
    public static MatrixCase OneHot(int[] labels, int classes)
    {
        var v = new double[labels.Length * classes];
        for (int i = 0; i < labels.Length; i++)
        {
            v[i * classes + labels[i]] = 1;
        }

        return new MatrixCase(labels.Length, classes, v);
    }

    /// <summary>X in [−2, 2] of random shape and X + D with D from <paramref name="shift"/> (kept away from 0, so the two never meet).</summary>
    private static Gen<(MatrixCase X, MatrixCase Shifted)> Shifted(Gen<double> shift)
        => from r in Generators.Dimension
           from c in Generators.Dimension
           from a in Generators.Matrix(r, c, Any)
           from d in Generators.Matrix(r, c, shift)
           select (a, new MatrixCase(r, c, a.Values.Zip(d.Values, (x, y) => x + y).ToArray()));

    /// <summary>X (n×m) and a row (1×m).</summary>
    private static Gen<MatrixCase[]> XAndRow(Gen<double> x, Gen<double> row)
        => from n in Generators.Dimension
           from m in Generators.Dimension
           from a in Generators.Matrix(n, m, x)
           from b in Generators.Matrix(1, m, row)
           select new[] { a, b };

    private static GraphCase Case(string name, Gen<MatrixCase[]> inputs, Func<Node[], Node> function, params int[] constants)
        => new(name, inputs.Select(i => new GraphPoint(i, function)), constants);

    private static GraphCase Unary(string name, Gen<double> value, Func<Node[], Node> function) => Case(name, One(value), function);
}
