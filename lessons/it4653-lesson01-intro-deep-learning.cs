#:project ../managed/MiniDL/MiniDL.csproj
// IT4653 Lesson 1 "Introduction to deep learning", walked in the lecture's order with the lecture's numbers
// (docs/lectures.md, "IT4653 Lesson 1"). Run from the repository root: dotnet run lessons/it4653-lesson01-intro-deep-learning.cs
using MiniDL;
using MiniDL.Autograd;
using MiniDL.Autograd.Losses;
using static MiniDL.Lessons.LessonScript;

var lesson = Start("IT4653 Lesson 1 \"Introduction to deep learning\"", "IT4653 Lesson 1");

// "Multiclass SVM loss": three images, scores (cat, car, frog); L_i = sum over j != y_i of max(0, s_j - s_yi + 1).
Console.WriteLine("multiclass SVM loss (MulticlassSvm), scores of the cat, car and frog images:");
double[][] scores = [[3.2, 5.1, -1.7], [1.3, 4.9, 2.0], [2.2, 2.5, -3.1]];
double[] lectureLoss = [2.9, 0, 12.9];
string[] image = ["cat", "car", "frog"];
for (int i = 0; i < 3; i++)
{
    lesson.Check($"L_{i + 1} ({image[i]} image)", lectureLoss[i], MulticlassSvm.Forward(Row(scores[i]), OneHot(i, 3)).Value.Item(), 1);
}

var all = Node.Leaf(Tensor.FromRows(scores), "S");
var targets = Node.Constant(Tensor.FromRows([[1, 0, 0], [0, 1, 0], [0, 0, 1]]), "T");
lesson.Check("L = mean of L_i", 5.27, MulticlassSvm.Forward(all, targets).Value.Item(), 2);

// "Hiệu chỉnh": L(W) = 1/N sum L_i + lambda R(W), with R the L2 penalty sum W^2.
Console.WriteLine("objective with L2 regularization, W = [[1, 2], [3, 4]], lambda = 0.1 (L2):");
var model = new MiniDL.Layers.Linear(2, 2, seed: 0);
model.Parameters().First().Load([1, 2, 3, 4]);
var penalty = new MiniDL.Regularization.L2(0.1).Penalty(model.Parameters());
lesson.Check("lambda R(W) = 0.1 (1 + 4 + 9 + 16)", 3.0, penalty!.Value.Item(), 4);

// "Bộ phân loại softmax": scores cat 3.2, car 5.1, frog -1.7, true class cat.
Console.WriteLine("softmax classifier (Softmax, SoftmaxCrossEntropy), cat image:");
var s = Row(3.2, 5.1, -1.7);
var p = MiniDL.Autograd.Activations.Softmax.Forward(s).Value.ToArray();
lesson.Check("exp(3.2)", 24.5, Math.Exp(3.2), 1);
lesson.Check("P(cat)", 0.13, p[0], 2);
lesson.Check("P(car)", 0.87, p[1], 2);
lesson.Check("P(frog)", 0.00, p[2], 2);
lesson.Check("L = -ln P(cat)", 2.04, SoftmaxCrossEntropy.Forward(s, OneHot(0, 3)).Value.Item(), 2);

// "SVM vs. Softmax": s = W x + b with the lecture's W, x, b and y = 2 (a row here: s = x W^T + b).
Console.WriteLine("SVM vs. Softmax (MatMul, Transpose, AddBias, MulticlassSvm, SoftmaxCrossEntropy):");
var W = Node.Leaf(Tensor.FromRows([[0.01, -0.05, 0.1, 0.05], [0.7, 0.2, 0.05, 0.16], [0.0, -0.45, -0.2, 0.03]]), "W");
var x = Node.Constant(Tensor.FromArray([-15.0, 22, -44, 56], 1, 4), "x");
var b = Node.Leaf(Tensor.FromArray([0.0, 0.2, -0.3], 1, 3), "b");
var z = MiniDL.Autograd.Nodes.AddBias.Forward(MiniDL.Autograd.Nodes.MatMul.Forward(x, MiniDL.Autograd.Nodes.Transpose.Forward(W)), b);
var zs = z.Value.ToArray();
lesson.Check("s_0", -2.85, zs[0], 2);
lesson.Check("s_1", 0.86, zs[1], 2);
lesson.Check("s_2", 0.28, zs[2], 2);
lesson.Check("hinge loss", 1.58, MulticlassSvm.Forward(z, OneHot(2, 3)).Value.Item(), 2);
var q = MiniDL.Autograd.Activations.Softmax.Forward(z).Value.ToArray();
lesson.Check("p_0 (the lecture rounds twice: 0.0155)", 0.016, q[0], 3, tolerance: 0.001);
lesson.Check("p_1", 0.631, q[1], 3);
lesson.Check("p_2", 0.353, q[2], 3);
lesson.Check("cross-entropy -ln p_2", 1.04, SoftmaxCrossEntropy.Forward(z, OneHot(2, 3)).Value.Item(), 2);

// "Vanilla Minibatch Gradient Descent": w <- w - lr * dL/dw; the softmax loss of the cat image falls step by step.
Console.WriteLine("gradient descent on the cat image's scores (Sgd, lr = 1):");
double first = 0, last = 0;
var scoreParameter = new MiniDL.Layers.Parameter("s", Tensor.FromArray([3.2, 5.1, -1.7], 1, 3));
var gd = new MiniDL.Optimizers.Sgd([scoreParameter], learningRate: 1.0);
for (int step = 0; step < 20; step++)
{
    gd.ZeroGrad();
    var loss = SoftmaxCrossEntropy.Forward(scoreParameter.Node, OneHot(0, 3));
    loss.Backward();
    gd.Step();
    if (step == 0) first = loss.Value.Item();
    last = loss.Value.Item();
}
lesson.Check("loss before the first step", 2.04, first, 2);
lesson.Check("loss after 20 steps is below 0.1 (1 = yes)", 1, last < 0.1 ? 1 : 0, 0);

return lesson.Finish();
