#:project ../managed/MiniDL/MiniDL.csproj
// Lesson 7 "Neural Network", walked in the lecture's order with the lecture's numbers (docs/lectures.md, "Lesson 7").
// Run from the repository root: dotnet run lessons/lesson07-neural-network.cs
using MiniDL;
using MiniDL.Autograd;
using MiniDL.Autograd.Nodes;
using MiniDL.Lessons;

var lesson = LessonScript.Start("Lesson 7 \"Neural Network\"", "Lesson 7", 8, 10);
Node Leaf(double v, string name) => Node.Leaf(Tensor.Scalar(v), name);

// "XOR: “automate” feature engineering" and "Một lớp ẩn giải quyết XOR problem": XOR is not linearly separable;
// one hidden layer solves it.
Console.WriteLine("XOR with one hidden layer (Sequential.Mlp [2, 4, 2], sigmoid, softmax cross-entropy, Adam):");
var xor = Node.Constant(Tensor.FromRows([[0, 0], [0, 1], [1, 0], [1, 1]]), "X");
var xorTargets = Node.Constant(Tensor.FromRows([[1, 0], [0, 1], [0, 1], [1, 0]]), "Y");
var mlp = MiniDL.Layers.Sequential.Mlp([2, 4, 2], MiniDL.Autograd.Activations.Activation.Sigmoid, seed: 1);
var adam = new MiniDL.Optimizers.Adam(mlp.Parameters(), learningRate: 0.1);
for (int step = 0; step < 300; step++)
{
    adam.ZeroGrad();
    MiniDL.Autograd.Losses.SoftmaxCrossEntropy.Forward(mlp.Forward(xor), xorTargets).Backward();
    adam.Step();
}
var logits = mlp.Predict(xor.Value).ToArray();
for (int i = 0; i < 4; i++)
{
    lesson.Check($"XOR class of sample {i}", i is 1 or 2 ? 1 : 0, logits[2 * i + 1] > logits[2 * i] ? 1 : 0, 0);
}

// "Partial Derivative": f(x, y) = xy at x = 6, y = −2.
Console.WriteLine("f = xy, x = 6, y = -2 (Multiply node):");
var x = Leaf(6, "x");
var y = Leaf(-2, "y");
var f = Multiply.Forward(x, y);
f.Backward();
lesson.Check("f", -12, f.Value.Item(), 0);
lesson.Check("df/dx", -2, x.Grad!.Item(), 0);
lesson.Check("df/dy", 6, y.Grad!.Item(), 0);

// "Partial Derivative": f = (x + y) z at x = −2, y = 5, z = −4, through q = x + y.
Console.WriteLine("f = (x + y) z, x = -2, y = 5, z = -4 (Add, Multiply):");
x = Leaf(-2, "x");
y = Leaf(5, "y");
var z = Leaf(-4, "z");
var q = Add.Forward(x, y);
f = Multiply.Forward(q, z);
f.Backward();
lesson.Check("q", 3, q.Value.Item(), 0);
lesson.Check("f", -12, f.Value.Item(), 0);
lesson.Check("df/dx", -4, x.Grad!.Item(), 0);
lesson.Check("df/dy", -4, y.Grad!.Item(), 0);
lesson.Check("df/dz", 3, z.Grad!.Item(), 0);

// The sigmoid neuron built node by node: a0 = w0 x0, a1 = w1 x1, a2 = a0 + a1, a3 = w2 + a2, a4 = −a3, a5 = e^a4, a6 = a5 + 1, f = 1/a6.
Console.WriteLine("sigmoid neuron f = 1/(1 + e^-(w0 x0 + w1 x1 + w2)), node by node:");
var w0 = Leaf(2, "w0"); var x0 = Leaf(-1, "x0"); var w1 = Leaf(-3, "w1"); var x1 = Leaf(-2, "x1"); var w2 = Leaf(-3, "w2");
var a2 = Add.Forward(Multiply.Forward(w0, x0), Multiply.Forward(w1, x1));
var a3 = Add.Forward(w2, a2);
var a5 = Exp.Forward(Negate.Forward(a3));
var a6 = AddConstant.Forward(a5, 1.0);
f = Reciprocal.Forward(a6);
f.Backward();
lesson.Check("a6", 1.37, a6.Value.Item(), 2);
lesson.Check("f", 0.73, f.Value.Item(), 2);
lesson.Check("df/da6", -0.53, a6.Grad!.Item(), 2);
lesson.Check("df/dw0", -0.20, w0.Grad!.Item(), 2);
lesson.Check("df/dw1", -0.39, w1.Grad!.Item(), 2);
lesson.Check("df/dw2", 0.20, w2.Grad!.Item(), 2);
lesson.Check("df/dx0", 0.39, x0.Grad!.Item(), 2);
lesson.Check("df/dx1", -0.59, x1.Grad!.Item(), 2);
lesson.Check("same neuron through the Sigmoid node", f.Value.Item(), MiniDL.Autograd.Activations.Sigmoid.Forward(Add.Forward(w2, a2)).Value.Item(), 6);

// "Matmul Node": Y = X W, ∇X = ∇Y Wᵀ, ∇W = Xᵀ ∇Y (here ∇Y = 1: ∇X = Wᵀ, ∇W = Xᵀ).
Console.WriteLine("Matmul node Y = XW, X = [1 2], W = [3; 4] (rule value / MiniDL value):");
var X = Node.Leaf(Tensor.FromRows([[1, 2]]), "X");
var W = Node.Leaf(Tensor.FromRows([[3], [4]]), "W");
MatMul.Forward(X, W).Backward();
lesson.Check("dY/dX = W^T, first element", 3, X.Grad!.ToArray()[0], 0);
lesson.Check("dY/dW = X^T, second element", 2, W.Grad!.ToArray()[1], 0);

// "Learning Process": the delta rule equals graph backprop + one gradient step on ½‖ŷ − y‖².
Console.WriteLine("delta rule (DeltaRuleNetwork) vs graph backprop, network [2, 2, 1] of sigmoid units, alpha = 0.5:");
double[][] weights = [[0.1, -0.2, 0.3, 0.4], [0.5, -0.6]];
double[][] biases = [[0.01, -0.02], [0.03]];
var delta = new MiniDL.DeltaRule.DeltaRuleNetwork([2, 2, 1], weights.Select(w => w.ToArray()).ToArray(), biases.Select(b => b.ToArray()).ToArray());
delta.TrainSample([1.0, 0.5], [1.0], 0.5);
var W1 = Node.Leaf(Tensor.FromArray(weights[0], 2, 2), "W1"); var b1 = Node.Leaf(Tensor.FromArray(biases[0], 1, 2), "b1");
var W2 = Node.Leaf(Tensor.FromArray(weights[1], 2, 1), "W2"); var b2 = Node.Leaf(Tensor.FromArray(biases[1], 1, 1), "b2");
var hidden = MiniDL.Autograd.Activations.Sigmoid.Forward(AddBias.Forward(MatMul.Forward(Node.Constant(Tensor.FromRows([[1.0, 0.5]])), W1), b1));
var yHat = MiniDL.Autograd.Activations.Sigmoid.Forward(AddBias.Forward(MatMul.Forward(hidden, W2), b2));
var J = MultiplyConstant.Forward(Sum.Forward(Square.Forward(Subtract.Forward(yHat, Node.Constant(Tensor.Scalar(1.0))))), 0.5);
J.Backward();
lesson.Check("w_11 of layer 1 after one step", weights[0][0] - 0.5 * W1.Grad!.ToArray()[0], delta.Weights[0][0], 8);
lesson.Check("w_21 of layer 2 after one step", weights[1][1] - 0.5 * W2.Grad!.ToArray()[1], delta.Weights[1][1], 8);

return lesson.Finish();
