#:project ../managed/MiniDL/MiniDL.csproj
// "Deep learning and neural networks" notes, walked in the notes' order (docs/lectures.md, "Deep learning and neural
// networks notes"). The notes give formulas, not numbers: each line compares the formula worked by hand ("lecture")
// with MiniDL. Run from the repository root: dotnet run lessons/dl-notes-deep-learning-neural-networks.cs
using MiniDL;
using MiniDL.Autograd;
using MiniDL.Autograd.Losses;
using MiniDL.Lessons;
using MiniDL.Optimizers;

var lesson = LessonScript.Start("\"Deep learning and neural networks\" notes", "Deep learning and neural networks notes");
Node Rows(double[][] v) => Node.Constant(Tensor.FromRows(v), "x");

// "2.1. Linear layer": the notes write y = W X (samples as columns, no bias); MiniDL's rows of samples: y = x W + b.
Console.WriteLine("2.1. Linear layer (the notes' y = W X, as rows: y = x W + b), x = [1, 2], W = [[0.5, -1], [2, 0.25]], b = [0.1, -0.1]:");
var linear = MiniDL.Layers.Linear.FromValues([0.5, -1.0, 2.0, 0.25], [0.1, -0.1], inputs: 2, outputs: 2);
var y = linear.Forward(Rows([[1, 2]])).Value.ToArray();
lesson.Check("y_1 = 1*0.5 + 2*2.0 + 0.1", 4.6, y[0], 4);
lesson.Check("y_2 = 1*(-1) + 2*0.25 - 0.1", -0.6, y[1], 4);

// "2.2.1. ReLU" and "2.2.2. Leaky ReLU" (gamma = 0.1).
Console.WriteLine("2.2. Activation layer, x = [-2, 3]:");
var a = Rows([[-2, 3]]);
var relu = MiniDL.Autograd.Activations.Relu.Forward(a).Value.ToArray();
var leaky = MiniDL.Autograd.Activations.LeakyRelu.Forward(a).Value.ToArray();
lesson.Check("ReLU(-2) = max(0, -2)", 0, relu[0], 4);
lesson.Check("ReLU(3)", 3, relu[1], 4);
lesson.Check("Leaky ReLU(-2) = 0.1 * -2", -0.2, leaky[0], 4);
lesson.Check("Leaky ReLU(3)", 3, leaky[1], 4);

// "2.3. Normalization layer": mini-batch mean and variance, normalize, scale gamma = 1 and shift beta = 0.
Console.WriteLine("2.3. Batch normalization of the batch [1, 2, 3] (one feature):");
var bn = new MiniDL.Layers.BatchNorm(1, epsilon: 1e-5);
var normalized = bn.Forward(Rows([[1], [2], [3]])).Value.ToArray();
double sigma = Math.Sqrt(2.0 / 3 + 1e-5);
lesson.Check("x_hat_1 = (1 - 2) / sqrt(2/3 + eps)", -1 / sigma, normalized[0], 4);
lesson.Check("x_hat_2", 0, normalized[1], 4);
lesson.Check("x_hat_3", 1 / sigma, normalized[2], 4);

// "2.4. Dropout layer": drops units at random while training, keeps all of them for inference.
Console.WriteLine("2.4. Dropout p = 0.5 on 1000 ones:");
var dropout = new MiniDL.Layers.Dropout(0.5, seed: 7);
var ones = Rows([Enumerable.Repeat(1.0, 1000).ToArray()]);
var kept = dropout.Forward(ones).Value.ToArray().Count(v => v != 0);
lesson.Check("share of units kept while training (about 0.5)", 0.5, kept / 1000.0, 1);
dropout.Eval();
lesson.Check("inference keeps every unit", 1000, dropout.Forward(ones).Value.ToArray().Count(v => v != 0), 0);

// "3.1. Loss function": MAE, MSE, BCE (the notes write the sum), CE.
Console.WriteLine("3.1. Loss function, y_hat = [0.9, 0.2], y = [1, 0]:");
var yHat = Node.Leaf(Tensor.FromRows([[0.9, 0.2]]), "y_hat");
var target = Node.Constant(Tensor.FromRows([[1, 0]]), "y");
lesson.Check("MAE = (0.1 + 0.2) / 2", 0.15, MeanAbsoluteError.Forward(yHat, target).Value.Item(), 4);
lesson.Check("MSE = (0.01 + 0.04) / 2", 0.025, MeanSquaredError.Forward(yHat, target).Value.Item(), 4);
lesson.Check("BCE (sum) = -ln 0.9 - ln 0.8", -Math.Log(0.9) - Math.Log(0.8), BinaryCrossEntropy.Forward(yHat, target, Reduction.Sum).Value.Item(), 4);
var probabilities = Node.Leaf(Tensor.FromRows([[0.7, 0.2, 0.1]]), "y_hat");
lesson.Check("CE = -ln 0.7", -Math.Log(0.7), CategoricalCrossEntropy.Forward(probabilities, Node.Constant(Tensor.FromRows([[1, 0, 0]]), "y")).Value.Item(), 4);

// "3.2. Optimization": one weight w = 1, gradient g = 2, lr = 0.1, beta = 0.9, two steps of SGD, Momentum, NAG.
Console.WriteLine("3.2. Optimization, w = 1, constant gradient 2, lr = 0.1, beta = 0.9, after two steps:");
double After(Func<MiniDL.Layers.Parameter, Optimizer> make)
{
    var w = new MiniDL.Layers.Parameter("w", Tensor.Scalar(1.0));
    var optimizer = make(w);
    for (int step = 0; step < 2; step++)
    {
        optimizer.ZeroGrad();
        MiniDL.Autograd.Nodes.MultiplyConstant.Forward(w.Node, 2.0).Backward(); // J = 2w, dJ/dw = 2
        optimizer.Step();
    }
    return w.Value.Item();
}
lesson.Check("SGD: 1 - 0.2 - 0.2", 0.6, After(w => new Sgd([w], 0.1)), 4);
lesson.Check("Momentum: v = 0.2, then 0.38; 1 - 0.2 - 0.38", 0.42, After(w => new Momentum([w], 0.1, 0.9)), 4);
// NAG holds the look-ahead point w - beta v (Nesterov.cs): with a constant gradient the look-ahead changes nothing, so
// w and v are Momentum's (0.42 and 0.38) and the held weight is 0.42 - 0.9 * 0.38.
lesson.Check("NAG: held w - beta v = 0.42 - 0.9 * 0.38", 0.078, After(w => new Nesterov([w], 0.1, 0.9)), 4);

return lesson.Finish();
