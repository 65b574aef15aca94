#:project ../managed/MiniDL/MiniDL.csproj
// NLP lesson 3 "PyTorch & deep learning models", walked in the lecture's order with the lecture's numbers
// (docs/lectures.md, "NLP lesson 3"). Run from the repository root: dotnet run lessons/nlp-lesson03-pytorch-models.cs
using System.Globalization;
using MiniDL;
using MiniDL.Autograd;
using MiniDL.Autograd.Activations;
using MiniDL.Autograd.Losses;
using MiniDL.Autograd.Nodes;
using MiniDL.Layers;
using MiniDL.Optimizers;

int total = 0, failed = 0;
void Check(string what, double lecture, double minidl, int digits, double? tolerance = null)
{
    total++;
    bool ok = Math.Abs(lecture - minidl) <= (tolerance ?? 0.5 * Math.Pow(10, -digits) + 1e-9);
    failed += ok ? 0 : 1;
    var c = CultureInfo.InvariantCulture;
    Console.WriteLine($"  {what,-50} lecture {lecture.ToString("F" + digits, c),9} / MiniDL {minidl.ToString("F" + (digits + 2), c),11}{(ok ? "" : "   MISMATCH")}");
}
Node Row(params double[] v) => Node.Leaf(Tensor.FromArray(v, 1, v.Length), "s");
Node OneHot(int c, int k) { var t = new double[k]; t[c] = 1; return Node.Constant(Tensor.FromArray(t, 1, k), "y"); }
Console.WriteLine("NLP lesson 3 \"PyTorch & deep learning models\"");

// "Softmax Cross-Entropy Loss": scores cat 3.2, car 5.1, frog -1.7; exp, normalize, L = -ln P(cat).
Console.WriteLine("softmax cross-entropy, scores cat 3.2, car 5.1, frog -1.7, true class cat (Exp, Softmax, SoftmaxCrossEntropy):");
var s = Row(3.2, 5.1, -1.7);
var e = Exp.Forward(s).Value.ToArray();
var p = Softmax.Forward(s).Value.ToArray();
Check("exp(s_cat)", 24.5, e[0], 1);
Check("exp(s_car)", 164.0, e[1], 1);
Check("exp(s_frog)", 0.18, e[2], 2);
Check("P(cat)", 0.13, p[0], 2);
Check("P(car)", 0.87, p[1], 2);
Check("P(frog)", 0.00, p[2], 2);
Check("L = -ln P(cat)", 2.0404, SoftmaxCrossEntropy.Forward(s, OneHot(0, 3)).Value.Item(), 4);

// The training workflow (1. random weights, 2. forward pass, 3. loss, 4. gradient, 5. update the weights)
// on "Bài toán Linear Regression": y = 2x + 1 learned by one Linear layer with MSE and SGD.
Console.WriteLine("linear regression y = 2x + 1 by the five-step workflow (Linear, MeanSquaredError, Sgd):");
var x = Node.Constant(Tensor.FromRows([[0], [1], [2], [3]]), "x");
var y = Node.Constant(Tensor.FromRows([[1], [3], [5], [7]]), "y");
var line = new Linear(1, 1, seed: 3);                        // 1. random weights
var sgd = new Sgd(line.Parameters(), learningRate: 0.05);
for (int epoch = 0; epoch < 2000; epoch++)
{
    var loss = MeanSquaredError.Forward(line.Forward(x), y);  // 2. forward pass, 3. loss
    sgd.ZeroGrad();
    loss.Backward();                                         // 4. gradient
    sgd.Step();                                              // 5. update
}
var wb = line.Parameters().Select(q => q.Value.Item()).ToArray();
Check("slope w", 2, wb[0], 3);
Check("intercept b", 1, wb[1], 3);

// "Forward Propagation với Pytorch": fc1 = Linear(10, 5), ReLU, fc2 = Linear(5, 2) on one random input of size 10.
Console.WriteLine("forward propagation of the lecture's network Linear(10, 5) -> ReLU -> Linear(5, 2):");
var net = new Sequential(new Linear(10, 5, seed: 1), new ActivationLayer(Activation.Relu), new Linear(5, 2, seed: 2));
var input = Tensor.FromArray(Enumerable.Range(0, 10).Select(i => Math.Sin(i)).ToArray(), 1, 10);
var output = net.Predict(input);
Check("output rows", 1, output.Rows, 0);
Check("output columns", 2, output.Columns, 0);

// "Backpropagation với Pytorch": x = -3, y = 5, z = -2, q = x + y, f = q z; PyTorch prints -2, -2, 2.
Console.WriteLine("backpropagation demo q = x + y, f = q z, x = -3, y = 5, z = -2 (Add, Multiply):");
var xs = Node.Leaf(Tensor.Scalar(-3), "x");
var ys = Node.Leaf(Tensor.Scalar(5), "y");
var zs = Node.Leaf(Tensor.Scalar(-2), "z");
Multiply.Forward(Add.Forward(xs, ys), zs).Backward();
Check("x.grad", -2, xs.Grad!.Item(), 0);
Check("y.grad", -2, ys.Grad!.Item(), 0);
Check("z.grad", 2, zs.Grad!.Item(), 0);

// Derivative rules: inverse (1/x)' = -1/x^2 and powers (x^n)' = n x^(n-1), at x = 2.
Console.WriteLine("derivative rules at x = 2 (Reciprocal, PowConstant):");
var two = Node.Leaf(Tensor.Scalar(2), "x");
Reciprocal.Forward(two).Backward();
Check("(1/x)' = -1/x^2", -0.25, two.Grad!.Item(), 4);
var three = Node.Leaf(Tensor.Scalar(2), "x");
PowConstant.Forward(three, 3).Backward();
Check("(x^3)' = 3 x^2", 12, three.Grad!.Item(), 4);

Console.WriteLine($"NLP lesson 3: {total - failed} of {total} lecture values reproduced");
return failed == 0 ? 0 : 1;
