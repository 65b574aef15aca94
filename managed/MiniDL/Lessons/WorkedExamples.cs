using MiniDL.Autograd.Nodes;
using MiniDL.Metrics;

namespace MiniDL.Lessons;

/// <summary>
/// Every worked example of the lectures (the table in docs/lectures.md, "Worked examples"), built with MiniDL's graph node by
/// node, run forward and backward, and compared with the numbers the lecture prints. <c>minidl lessons</c> prints them.
/// </summary>
/// <remarks>
/// The lectures: Lesson 7 "Neural Network", NLP lesson 3 "PyTorch &amp; deep learning models", IT4653 Lesson 1
/// "Introduction to deep learning", Day 01. Each method returns one
/// <see cref="LessonCheck"/> per number; a check passes when MiniDL agrees at the digits the lecture prints.
/// All values are read with <see cref="Tensor.ToArray"/> only at the end: the graph runs on any backend.
/// </remarks>
public static class WorkedExamples
{
    /// <summary>The name of lesson 7 (Neural Network) in the checks.</summary>
    public const string Lesson7 = "lesson 7";

    /// <summary>The name of lesson 3 (NLP with deep learning: PyTorch) in the checks.</summary>
    public const string Lesson3 = "lesson 3";

    /// <summary>The name of lesson 1 (IT4653, introduction to deep learning) in the checks.</summary>
    public const string Lesson1 = "lesson 1";

    /// <summary>The name of Day 01 in the checks.</summary>
    public const string Day01 = "Day 01";

    /// <summary>Every worked example in the order of the table in docs/lectures.md, "Worked examples".</summary>
    /// <param name="backend">Where the graphs run (the reference backend when null).</param>
    public static IReadOnlyList<LessonCheck> All(IBackend? backend = null)
    {
        backend ??= ReferenceBackend.Instance;
        return
        [
            .. Product(backend),
            .. SumTimesZ(backend),
            .. PyTorchDemo(backend),
            .. SigmoidNeuron(backend),
            .. SoftmaxCrossEntropy(backend),
            .. MulticlassSvm(backend),
            .. SvmVersusSoftmax(backend),
            .. ConfusionMatrixCovid(),
            .. VanishingExploding(backend),
        ];
    }

    /// <summary>
    /// Lesson 7, "Partial Derivative": <c>f(x, y) = xy</c> at x = 6, y = −2 gives f = −12, <c>∂f/∂x = y = −2</c>,
    /// <c>∂f/∂y = x = 6</c> ("increase x by a small ε and f decreases by 2ε").
    /// </summary>
    /// <param name="backend">Where the graph runs.</param>
    public static IReadOnlyList<LessonCheck> Product(IBackend backend)
    {
        const string example = "f = xy";
        var f = ProductGraph(backend);
        var (x, y) = (f.Inputs[0], f.Inputs[1]);
        return
        [
            LessonCheck.Exact(example, Lesson7, "f", -12, f.Value.Item()),
            LessonCheck.Exact(example, Lesson7, "∂f/∂x", -2, x.Grad!.Item()),
            LessonCheck.Exact(example, Lesson7, "∂f/∂y", 6, y.Grad!.Item()),
        ];
    }

    /// <summary>
    /// Lesson 7, "Partial Derivative": <c>f = (x + y) z</c> at x = −2, y = 5, z = −4, through <c>q = x + y</c>, <c>f = q z</c>:
    /// q = 3, f = −12, <c>∂f/∂x = ∂f/∂q · ∂q/∂x = z = −4</c>, <c>∂f/∂y = −4</c>, <c>∂f/∂z = q = 3</c>.
    /// </summary>
    /// <param name="backend">Where the graph runs.</param>
    public static IReadOnlyList<LessonCheck> SumTimesZ(IBackend backend)
    {
        const string example = "f = (x+y)z";
        var (x, y, z, q, f) = SumTimes(backend, -2, 5, -4);
        return
        [
            LessonCheck.Exact(example, Lesson7, "q", 3, q.Value.Item()),
            LessonCheck.Exact(example, Lesson7, "f", -12, f.Value.Item()),
            LessonCheck.Exact(example, Lesson7, "∂f/∂x", -4, x.Grad!.Item()),
            LessonCheck.Exact(example, Lesson7, "∂f/∂y", -4, y.Grad!.Item()),
            LessonCheck.Exact(example, Lesson7, "∂f/∂z", 3, z.Grad!.Item()),
        ];
    }

    /// <summary>Lesson 7's <c>f = xy</c> at x = 6, y = −2 (<see cref="Product"/>), run backward: the output node f.</summary>
    /// <param name="backend">Where the graph runs.</param>
    public static Node ProductGraph(IBackend backend)
    {
        var x = Scalar(backend, 6, "x");
        var y = Scalar(backend, -2, "y");
        var f = Named(Multiply.Forward(x, y), "f"); // lecture 7's multiply node
        f.Backward();
        return f;
    }

    /// <summary>Lesson 7's <c>f = (x + y) z</c> at x = −2, y = 5, z = −4 (<see cref="SumTimesZ"/>), run backward: the output node f.</summary>
    /// <param name="backend">Where the graph runs.</param>
    public static Node SumProductGraph(IBackend backend) => SumTimes(backend, -2, 5, -4).F;

    /// <summary>
    /// Lesson 3, "Backpropagation với Pytorch": the same graph <c>q = x + y</c>, <c>f = q z</c> at x = −3, y = 5, z = −2;
    /// PyTorch prints the gradients of x, y and z as −2, −2 and 2.
    /// </summary>
    /// <param name="backend">Where the graph runs.</param>
    public static IReadOnlyList<LessonCheck> PyTorchDemo(IBackend backend)
    {
        const string example = "PyTorch demo q = x+y, f = qz";
        var (x, y, z, _, _) = SumTimes(backend, -3, 5, -2);
        return
        [
            LessonCheck.Exact(example, Lesson3, "∂f/∂x", -2, x.Grad!.Item()),
            LessonCheck.Exact(example, Lesson3, "∂f/∂y", -2, y.Grad!.Item()),
            LessonCheck.Exact(example, Lesson3, "∂f/∂z", 2, z.Grad!.Item()),
        ];
    }

    /// <summary>
    /// Lesson 7's sigmoid neuron <c>f(w, x) = 1 / (1 + e^{−(w0 x0 + w1 x1 + w2)})</c>, built node by node exactly as the
    /// lecture numbers it: <c>a0 = w0 x0</c>, <c>a1 = w1 x1</c>, <c>a2 = a0 + a1</c>, <c>a3 = w2 + a2</c>, <c>a4 = −a3</c>,
    /// <c>a5 = e^{a4}</c>, <c>a6 = a5 + 1</c>, <c>f = 1/a6</c>, with w0 = 2, x0 = −1, w1 = −3, x1 = −2, w2 = −3.
    /// The lecture prints a6 ≈ 1.37, <c>∂f/∂a6 = −1/a6² ≈ −0.53</c> and <c>∂f/∂a5 = ∂f/∂a6 · ∂a6/∂a5 = −0.53</c> and asks
    /// for the weights' gradients: f ≈ 0.73, <c>∂f/∂w = [−0.20, −0.39, 0.20]</c>, <c>∂f/∂x = [0.39, −0.59]</c>.
    /// </summary>
    /// <param name="backend">Where the graph runs.</param>
    public static IReadOnlyList<LessonCheck> SigmoidNeuron(IBackend backend)
    {
        const string example = "sigmoid neuron";
        var f = SigmoidNeuronGraph(backend);
        var node = f.TopologicalOrder().Where(n => n.Name is not null).ToDictionary(n => n.Name!);
        var (w0, x0, w1, x1, w2, a5, a6) = (node["w0"], node["x0"], node["w1"], node["x1"], node["w2"], node["a5"], node["a6"]);

        // The lecture prints a6 = 1.37 and ∂f/∂a6 = ∂f/∂a5 = −0.53, then asks for ∂f/∂w; f and the gradients of the
        // leaves are worked by hand from its graph (Derived).
        return
        [
            LessonCheck.Printed(example, Lesson7, "a6", 1.37, 2, a6.Value.Item()),
            LessonCheck.Printed(example, Lesson7, "f", 0.73, 2, f.Value.Item()) with { Derived = true },
            LessonCheck.Printed(example, Lesson7, "∂f/∂a6", -0.53, 2, a6.Grad!.Item()),
            LessonCheck.Printed(example, Lesson7, "∂f/∂a5", -0.53, 2, a5.Grad!.Item()),
            LessonCheck.Printed(example, Lesson7, "∂f/∂w0", -0.20, 2, w0.Grad!.Item()) with { Derived = true },
            LessonCheck.Printed(example, Lesson7, "∂f/∂w1", -0.39, 2, w1.Grad!.Item()) with { Derived = true },
            LessonCheck.Printed(example, Lesson7, "∂f/∂w2", 0.20, 2, w2.Grad!.Item()) with { Derived = true },
            LessonCheck.Printed(example, Lesson7, "∂f/∂x0", 0.39, 2, x0.Grad!.Item()) with { Derived = true },
            LessonCheck.Printed(example, Lesson7, "∂f/∂x1", -0.59, 2, x1.Grad!.Item()) with { Derived = true },
        ];
    }

    /// <summary>
    /// Lesson 7's sigmoid neuron (<see cref="SigmoidNeuron"/>) as the lecture numbers it, run backward: the output node f,
    /// with the leaves named w0, x0, w1, x1, w2 and the intermediate nodes a0 … a6.
    /// </summary>
    /// <param name="backend">Where the graph runs.</param>
    public static Node SigmoidNeuronGraph(IBackend backend)
    {
        var w0 = Scalar(backend, 2, "w0");
        var x0 = Scalar(backend, -1, "x0");
        var w1 = Scalar(backend, -3, "w1");
        var x1 = Scalar(backend, -2, "x1");
        var w2 = Scalar(backend, -3, "w2");

        var a0 = Named(Multiply.Forward(w0, x0), "a0");          // a0 = w0 x0
        var a1 = Named(Multiply.Forward(w1, x1), "a1");          // a1 = w1 x1
        var a2 = Named(Add.Forward(a0, a1), "a2");               // a2 = a0 + a1
        var a3 = Named(Add.Forward(w2, a2), "a3");               // a3 = w2 + a2
        var a4 = Named(Negate.Forward(a3), "a4");                // a4 = −a3
        var a5 = Named(Exp.Forward(a4), "a5");                   // a5 = e^{a4}
        var a6 = Named(AddConstant.Forward(a5, 1.0), "a6");      // a6 = a5 + 1 (lecture 7's c + x with c = 1)
        var f = Named(Reciprocal.Forward(a6), "f");              // f = 1/a6
        f.Backward();
        return f;
    }

    /// <summary>
    /// Lesson 3, "Softmax Cross-Entropy Loss" (the softmax of lesson 1): scores cat 3.2, car 5.1, frog −1.7, true class cat.
    /// <c>exp</c> gives the unnormalized probabilities 24.5, 164.0, 0.18; normalizing gives 0.13, 0.87, 0.00;
    /// <c>L = −ln 0.13 = 2.0404</c>.
    /// </summary>
    /// <remarks>
    /// The lecture prints <c>L = −ln(0.13) = 2.0404</c>: 0.13 is the rounded probability, the loss is computed from the
    /// exact one, <c>−ln 0.129982… = 2.04036…</c>, which is 2.0404 at the four decimals printed (whereas <c>−ln 0.13</c>
    /// itself would be 2.0402). MiniDL compares at those four decimals.
    /// </remarks>
    /// <param name="backend">Where the graph runs.</param>
    public static IReadOnlyList<LessonCheck> SoftmaxCrossEntropy(IBackend backend)
    {
        const string example = "softmax cross-entropy (cat)";
        var scores = Node.Leaf(Tensor.FromArray([3.2, 5.1, -1.7], 1, 3, backend), "s");
        var cat = Node.Constant(Tensor.FromArray([1.0, 0, 0], 1, 3, backend), "y");
        var (unnormalized, p) = SoftmaxRows(scores);
        var loss = CrossEntropyRows(p, cat);
        loss.Backward();

        var e = unnormalized.Value.ToArray();
        var probabilities = p.Value.ToArray();
        return
        [
            LessonCheck.Printed(example, Lesson3, "exp(s_cat)", 24.5, 1, e[0]),
            LessonCheck.Printed(example, Lesson3, "exp(s_car)", 164.0, 1, e[1]),
            LessonCheck.Printed(example, Lesson3, "exp(s_frog)", 0.18, 2, e[2]),
            LessonCheck.Printed(example, Lesson3, "p_cat", 0.13, 2, probabilities[0]),
            LessonCheck.Printed(example, Lesson3, "p_car", 0.87, 2, probabilities[1]),
            LessonCheck.Printed(example, Lesson3, "p_frog", 0.00, 2, probabilities[2]),
            LessonCheck.Printed(example, Lesson3, "L = -ln p_cat", 2.0404, 4, loss.Value.Item()),
        ];
    }

    /// <summary>
    /// Lesson 1, "Hàm mục tiêu": three training images, three classes, scores <c>f(x, W) = Wx</c> in the columns of the
    /// lecture's table (cat image 3.2, 5.1, −1.7; car image 1.3, 4.9, 2.0; frog image 2.2, 2.5, −3.1). The multiclass SVM loss
    /// <c>Lᵢ = Σ_{j≠yᵢ} max(0, s_j − s_{yᵢ} + 1)</c> is 2.9, 0 and 12.9, and the dataset loss <c>L = 1/N Σ Lᵢ</c> is 5.27.
    /// </summary>
    /// <remarks>
    /// The lecture shows the score table and the formula, not the losses; these are the figures of the cs231n slide the
    /// lecture follows. Computed exactly: 2.9, 0, 6.3 + 6.6 = 12.9 and 15.8 / 3 = 5.2667, which rounds to 5.27.
    /// Each image is one row here (MiniDL's batches are rows of samples), the lecture's column.
    /// </remarks>
    /// <param name="backend">Where the graph runs.</param>
    public static IReadOnlyList<LessonCheck> MulticlassSvm(IBackend backend)
    {
        const string example = "multiclass SVM (3 images)";
        var scores = Node.Leaf(Tensor.FromRows([[3.2, 5.1, -1.7], [1.3, 4.9, 2.0], [2.2, 2.5, -3.1]], backend), "s");
        var losses = HingeRows(scores, [0, 1, 2]);
        var loss = Mean.Forward(losses); // L = 1/N Σᵢ Lᵢ
        loss.Backward();

        var l = losses.Value.ToArray();
        return
        [
            LessonCheck.Printed(example, Lesson1, "L_1 (cat image)", 2.9, 1, l[0]),
            LessonCheck.Printed(example, Lesson1, "L_2 (car image)", 0, 1, l[1]),
            LessonCheck.Printed(example, Lesson1, "L_3 (frog image)", 12.9, 1, l[2]),
            LessonCheck.Printed(example, Lesson1, "L = mean L_i", 5.27, 2, loss.Value.Item()),
        ];
    }

    /// <summary>
    /// Lesson 1, "SVM vs. Softmax": <c>s = W xᵢ + b</c> with the lecture's W (3×4), xᵢ = [−15, 22, −44, 56], b = [0, 0.2, −0.3]
    /// and yᵢ = 2 gives scores −2.85, 0.86, 0.28; the hinge loss <c>max(0, −2.85 − 0.28 + 1) + max(0, 0.86 − 0.28 + 1) = 1.58</c>;
    /// softmax: exp 0.058, 2.36, 1.32, normalized 0.016, 0.631, 0.353, cross-entropy <c>−log 0.353 = 1.04</c>.
    /// </summary>
    /// <remarks>
    /// The lecture writes <c>W x</c> with W of shape classes × inputs; MiniDL's convention is <c>Y = X W</c> with the
    /// sample as a row, so the scores row is <c>xᵢ Wᵀ + b</c>, built with lecture 7's transpose, matmul and add-bias nodes.
    /// The lecture prints p₀ = 0.016, but <c>e^{−2.85} / (e^{−2.85} + e^{0.86} + e^{0.28}) = 0.01545…</c>, which rounds to 0.015
    /// (the lecture's figure rounds once more from its rounded exponentials). That one check allows a full unit of the last
    /// digit (0.001) instead of half.
    /// </remarks>
    /// <param name="backend">Where the graph runs.</param>
    public static IReadOnlyList<LessonCheck> SvmVersusSoftmax(IBackend backend)
    {
        const string example = "SVM vs softmax";
        var w = Node.Leaf(Tensor.FromRows([[0.01, -0.05, 0.1, 0.05], [0.7, 0.2, 0.05, 0.16], [0.0, -0.45, -0.2, 0.03]], backend), "W");
        var x = Node.Constant(Tensor.FromArray([-15.0, 22, -44, 56], 1, 4, backend), "x");
        var b = Node.Leaf(Tensor.FromArray([0.0, 0.2, -0.3], 1, 3, backend), "b");
        var scores = AddBias.Forward(MatMul.Forward(x, Transpose.Forward(w)), b); // s = x Wᵀ + b, 1×3

        var hinge = HingeRows(scores, [2]);
        var (unnormalized, p) = SoftmaxRows(scores);
        var crossEntropy = CrossEntropyRows(p, Node.Constant(Tensor.FromArray([0.0, 0, 1], 1, 3, backend), "y"));
        Add.Forward(hinge, crossEntropy).Backward(); // both losses backpropagate through the same scores

        var s = scores.Value.ToArray();
        var e = unnormalized.Value.ToArray();
        var probabilities = p.Value.ToArray();
        return
        [
            LessonCheck.Printed(example, Lesson1, "s_0", -2.85, 2, s[0]),
            LessonCheck.Printed(example, Lesson1, "s_1", 0.86, 2, s[1]),
            LessonCheck.Printed(example, Lesson1, "s_2", 0.28, 2, s[2]),
            LessonCheck.Printed(example, Lesson1, "hinge loss", 1.58, 2, hinge.Value.Item()),
            LessonCheck.Printed(example, Lesson1, "exp(s_0)", 0.058, 3, e[0]),
            LessonCheck.Printed(example, Lesson1, "exp(s_1)", 2.36, 2, e[1]),
            LessonCheck.Printed(example, Lesson1, "exp(s_2)", 1.32, 2, e[2]),
            new LessonCheck(example, Lesson1, "p_0", 0.016, probabilities[0], 3, 0.001), // see remarks: exact 0.01545
            LessonCheck.Printed(example, Lesson1, "p_1", 0.631, 3, probabilities[1]),
            LessonCheck.Printed(example, Lesson1, "p_2", 0.353, 3, probabilities[2]),
            LessonCheck.Printed(example, Lesson1, "cross-entropy", 1.04, 2, crossEntropy.Value.Item()),
        ];
    }

    /// <summary>
    /// Day 01, "When using F1-score ?": Covid test with 20 TP, 10 FN, 1 FP, 500 TN. Precision <c>TP/(TP+FP) = 20/21</c>,
    /// recall <c>TP/(TP+FN) = 20/30</c>, accuracy <c>(TP+TN)/N = 520/531</c> — high accuracy, poor recall on the rare class;
    /// "F1-Score and Variant": <c>F1 = 2PR/(P+R) = 40/51</c>.
    /// </summary>
    public static IReadOnlyList<LessonCheck> ConfusionMatrixCovid()
    {
        const string example = "confusion matrix (Covid)";
        var matrix = ConfusionMatrix.FromBinaryCounts(truePositives: 20, falseNegatives: 10, falsePositives: 1, trueNegatives: 500);
        int covid = ConfusionMatrix.PositiveClass;
        return
        [
            LessonCheck.Exact(example, Day01, "precision = 20/21", 20.0 / 21, matrix.Precision(covid), digits: 4),
            LessonCheck.Exact(example, Day01, "recall = 20/30", 20.0 / 30, matrix.Recall(covid), digits: 4),
            LessonCheck.Exact(example, Day01, "accuracy = 520/531", 520.0 / 531, matrix.Accuracy, digits: 4),
            LessonCheck.Exact(example, Day01, "F1 = 2PR/(P+R) = 40/51", 40.0 / 51, matrix.F1(covid), digits: 4),
        ];
    }

    /// <summary>
    /// Day 01, "Vanishing and Exploding Gradients": <c>1.01³⁶⁵ = 37.8</c>, <c>0.99³⁶⁵ = 0.03</c>. As a gradient: a chain of
    /// 365 nodes <c>y = a x</c> (<see cref="MultiplyConstant"/>) multiplies the gradient by a at each node on the way back,
    /// so <c>∂f/∂x = a³⁶⁵</c>: it explodes for a = 1.01 and vanishes for a = 0.99.
    /// </summary>
    /// <param name="backend">Where the graphs run.</param>
    public static IReadOnlyList<LessonCheck> VanishingExploding(IBackend backend)
    {
        const string example = "365 layers";
        return
        [
            LessonCheck.Printed(example, Day01, "∂f/∂x = 1.01^365", 37.8, 1, ChainGradient(backend, 1.01, 365)),
            LessonCheck.Printed(example, Day01, "∂f/∂x = 0.99^365", 0.03, 2, ChainGradient(backend, 0.99, 365)),
        ];
    }

    /// <summary><c>f = a(a(…(a x)))</c>, <paramref name="depth"/> multiply-by-constant nodes, run backward: <c>∂f/∂x</c>.</summary>
    private static double ChainGradient(IBackend backend, double a, int depth)
    {
        var x = Scalar(backend, 1, "x");
        var f = x;
        for (int i = 0; i < depth; i++)
        {
            f = MultiplyConstant.Forward(f, a);
        }

        f.Backward();
        return x.Grad!.Item();
    }

    /// <summary><c>q = x + y</c>, <c>f = q z</c> with lecture 7's add and multiply nodes, run backward.</summary>
    private static (Node X, Node Y, Node Z, Node Q, Node F) SumTimes(IBackend backend, double x, double y, double z)
    {
        var xn = Scalar(backend, x, "x");
        var yn = Scalar(backend, y, "y");
        var zn = Scalar(backend, z, "z");
        var q = Named(Add.Forward(xn, yn), "q");
        var f = Named(Multiply.Forward(q, zn), "f");
        f.Backward();
        return (xn, yn, zn, q, f);
    }

    /// <summary>
    /// Softmax of each row from graph nodes: <c>eˢ</c> (exp node), the row sums <c>Σⱼ e^{s_j}</c> (sum-columns node), and
    /// the division of each row by its sum (column-broadcast divide). The lecture's form, without the max subtraction that
    /// the fused <see cref="IBackend.Softmax"/> kernel uses for stability (fine for these small scores).
    /// </summary>
    private static (Node Unnormalized, Node Probabilities) SoftmaxRows(Node scores)
    {
        var unnormalized = Exp.Forward(scores);
        var total = RowSums.Forward(unnormalized);
        return (unnormalized, ColumnBroadcast.Forward(BinaryOp.Divide, unnormalized, total));
    }

    /// <summary>Cross-entropy of each row, <c>Lᵢ = −Σⱼ tᵢⱼ ln pᵢⱼ = −ln p_{i,yᵢ}</c> for one-hot targets t; summed over the rows.</summary>
    private static Node CrossEntropyRows(Node probabilities, Node oneHot)
        => Negate.Forward(Sum.Forward(Multiply.Forward(oneHot, Log.Forward(probabilities))));

    /// <summary>
    /// The multiclass SVM loss of each row, <c>Lᵢ = Σ_{j≠yᵢ} max(0, s_j − s_{yᵢ} + 1)</c>, from graph nodes; returns n×1.
    /// </summary>
    private static Node HingeRows(Node scores, int[] labels)
    {
        int n = scores.Rows, classes = scores.Columns;
        var oneHot = new double[n * classes];
        var others = new double[n * classes];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < classes; j++)
            {
                oneHot[i * classes + j] = j == labels[i] ? 1 : 0;
                others[i * classes + j] = j == labels[i] ? 0 : 1;
            }
        }

        var backend = scores.Backend;
        var target = Node.Constant(Tensor.FromArray(oneHot, n, classes, backend), "y");
        var notTarget = Node.Constant(Tensor.FromArray(others, n, classes, backend), "j≠y");
        var zero = Node.Constant(Tensor.Zeros(n, classes, backend), "0");

        var correct = RowSums.Forward(Multiply.Forward(scores, target));                                // s_{yᵢ}, n×1
        var margins = AddConstant.Forward(ColumnBroadcast.Forward(BinaryOp.Subtract, scores, correct), 1); // s_j − s_{yᵢ} + 1
        var hinge = Maximum.Forward(margins, zero);                                                        // max(0, ·)
        return RowSums.Forward(Multiply.Forward(hinge, notTarget));                                     // Σ_{j≠yᵢ}
    }

    private static Node Scalar(IBackend backend, double value, string name) => Node.Leaf(Tensor.Scalar(value, backend), name);

    private static Node Named(Node node, string name)
    {
        node.Name = name;
        return node;
    }
}
