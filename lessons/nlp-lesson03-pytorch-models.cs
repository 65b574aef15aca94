#:project ../managed/MiniDL/MiniDL.csproj
// NLP lesson 3 "PyTorch & deep learning models", walked in the lecture's order with the lecture's numbers
// (docs/lectures.md, "NLP lesson 3"). Run from the repository root: dotnet run lessons/nlp-lesson03-pytorch-models.cs
using MiniDL;
using MiniDL.Autograd;
using static MiniDL.Lessons.LessonScript;

var lesson = Start("NLP lesson 3 \"PyTorch & deep learning models\"", "NLP lesson 3");

// "Softmax Cross-Entropy Loss": scores cat 3.2, car 5.1, frog -1.7; exp, normalize, L = -ln P(cat).
Console.WriteLine("softmax cross-entropy, scores cat 3.2, car 5.1, frog -1.7, true class cat (Exp, Softmax, SoftmaxCrossEntropy):");
var s = Row(3.2, 5.1, -1.7);
var e = MiniDL.Autograd.Nodes.Exp.Forward(s).Value.ToArray();
var p = MiniDL.Autograd.Activations.Softmax.Forward(s).Value.ToArray();
lesson.Check("exp(s_cat)", 24.5, e[0], 1);
lesson.Check("exp(s_car)", 164.0, e[1], 1);
lesson.Check("exp(s_frog)", 0.18, e[2], 2);
lesson.Check("P(cat)", 0.13, p[0], 2);
lesson.Check("P(car)", 0.87, p[1], 2);
lesson.Check("P(frog)", 0.00, p[2], 2);
lesson.Check("L = -ln P(cat)", 2.0404, MiniDL.Autograd.Losses.SoftmaxCrossEntropy.Forward(s, OneHot(0, 3)).Value.Item(), 4);

// "Tổng quan Loss function", the training workflow (1. random weights, 2. forward pass, 3. loss, 4. gradient, 5. update the weights)
// on "Bài toán Linear Regression": y = 2x + 1 learned by one Linear layer with MSE and SGD.
Console.WriteLine("linear regression y = 2x + 1 by the five-step workflow (Linear, MeanSquaredError, Sgd):");
var x = Node.Constant(Tensor.FromRows([[0], [1], [2], [3]]), "x");
var y = Node.Constant(Tensor.FromRows([[1], [3], [5], [7]]), "y");
var line = new MiniDL.Layers.Linear(1, 1, seed: 3);                        // 1. random weights
var sgd = new MiniDL.Optimizers.Sgd(line.Parameters(), learningRate: 0.05);
for (int epoch = 0; epoch < 2000; epoch++)
{
    var loss = MiniDL.Autograd.Losses.MeanSquaredError.Forward(line.Forward(x), y);  // 2. forward pass, 3. loss
    sgd.ZeroGrad();
    loss.Backward();                                         // 4. gradient
    sgd.Step();                                              // 5. update
}
var wb = line.Parameters().Select(q => q.Value.Item()).ToArray();
lesson.Check("slope w", 2, wb[0], 3);
lesson.Check("intercept b", 1, wb[1], 3);

// "Forward Propagation với Pytorch": fc1 = Linear(10, 5), ReLU, fc2 = Linear(5, 2) on one random input of size 10.
Console.WriteLine("forward propagation of the lecture's network Linear(10, 5) -> ReLU -> Linear(5, 2):");
var net = new MiniDL.Layers.Sequential(new MiniDL.Layers.Linear(10, 5, seed: 1), new MiniDL.Layers.ActivationLayer(MiniDL.Autograd.Activations.Activation.Relu), new MiniDL.Layers.Linear(5, 2, seed: 2));
var input = Tensor.FromArray(Enumerable.Range(0, 10).Select(i => Math.Sin(i)).ToArray(), 1, 10);
var output = net.Predict(input);
lesson.Check("output rows", 1, output.Rows, 0);
lesson.Check("output columns", 2, output.Columns, 0);

// "Backpropagation với Pytorch": x = -3, y = 5, z = -2, q = x + y, f = q z; PyTorch prints -2, -2, 2.
Console.WriteLine("backpropagation demo q = x + y, f = q z, x = -3, y = 5, z = -2 (Add, Multiply):");
var xs = Node.Leaf(Tensor.Scalar(-3), "x");
var ys = Node.Leaf(Tensor.Scalar(5), "y");
var zs = Node.Leaf(Tensor.Scalar(-2), "z");
MiniDL.Autograd.Nodes.Multiply.Forward(MiniDL.Autograd.Nodes.Add.Forward(xs, ys), zs).Backward();
lesson.Check("x.grad", -2, xs.Grad!.Item(), 0);
lesson.Check("y.grad", -2, ys.Grad!.Item(), 0);
lesson.Check("z.grad", 2, zs.Grad!.Item(), 0);

// "Tổng quan Back Propagation", "Đạo hàm": inverse (1/x)' = -1/x^2 and powers (x^n)' = n x^(n-1), at x = 2.
Console.WriteLine("derivative rules at x = 2 (Reciprocal, PowConstant):");
var two = Node.Leaf(Tensor.Scalar(2), "x");
MiniDL.Autograd.Nodes.Reciprocal.Forward(two).Backward();
lesson.Check("(1/x)' = -1/x^2", -0.25, two.Grad!.Item(), 4);
var three = Node.Leaf(Tensor.Scalar(2), "x");
MiniDL.Autograd.Nodes.PowConstant.Forward(three, 3).Backward();
lesson.Check("(x^3)' = 3 x^2", 12, three.Grad!.Item(), 4);

return lesson.Finish();
