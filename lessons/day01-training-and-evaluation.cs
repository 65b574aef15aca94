#:project ../managed/MiniDL/MiniDL.csproj
// Day 01, walked in the lecture's order with its numbers (docs/lectures.md, "Day 01"). Where Day 01 gives a formula
// without numbers, "lecture" is the formula worked by hand. Run from the repository root:
// dotnet run lessons/day01-training-and-evaluation.cs
using System.Globalization;
using MiniDL;
using MiniDL.Autograd;
using MiniDL.Autograd.Activations;
using MiniDL.Autograd.Losses;
using MiniDL.Data;
using MiniDL.Initializers;
using MiniDL.Layers;
using MiniDL.Metrics;
using MiniDL.Optimizers;
using MiniDL.Regularization;
using MiniDL.Schedules;
using MiniDL.Training;

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
Console.WriteLine("Day 01");

// "Activation Functions" at x = -1: sigmoid, tanh, ReLU, Leaky ReLU (0.1), ELU (alpha = 1).
Console.WriteLine("Activation Functions at x = -1:");
var x = Row(-1);
Check("sigmoid = 1/(1 + e)", 1 / (1 + Math.E), Sigmoid.Forward(x).Value.Item(), 4);
Check("tanh(-1)", Math.Tanh(-1), Tanh.Forward(x).Value.Item(), 4);
Check("ReLU = 0", 0, Relu.Forward(x).Value.Item(), 4);
Check("Leaky ReLU = -0.1", -0.1, LeakyRelu.Forward(x).Value.Item(), 4);
Check("ELU = e^-1 - 1", Math.Exp(-1) - 1, Elu.Forward(x, 1.0).Value.Item(), 4);

// "Loss Functions": MSE and cross-entropy.
Console.WriteLine("Loss Functions:");
Check("MSE([1, 2], [0, 0]) = (1 + 4)/2", 2.5, MeanSquaredError.Forward(Row(1, 2), Node.Constant(Tensor.FromRows([[0, 0]]), "y")).Value.Item(), 4);
Check("cross-entropy of [0.25, 0.75], class 2 = -ln 0.75", -Math.Log(0.75), CategoricalCrossEntropy.Forward(Row(0.25, 0.75), OneHot(1, 2)).Value.Item(), 4);

// Initialization: the lecture writes the standard deviation.
Console.WriteLine("Initialization, fan_in = 100, fan_out = 50 (standard deviations):");
Check("Xavier sigma = sqrt(2 / 150)", Math.Sqrt(2.0 / 150), Xavier.Sigma(100, 50), 4);
Check("He sigma = sqrt(2 / 100)", Math.Sqrt(2.0 / 100), He.Sigma(100), 4);
var drawn = new He().Sample(400, 100, seed: 1);
double sd = Math.Sqrt(drawn.Select(v => v * v).Average());
Check("He sample's standard deviation", Math.Sqrt(2.0 / 400), sd, 3);

// "Gradient Descent with Momentum" (v = beta v + lr g, w = w - v) and "Adam" (first step moves by about lr).
Console.WriteLine("Momentum and Adam, w = 1, g = 2:");
double w = 1, v = 0;
Momentum.Update(ref w, 2, ref v, 0.1, 0.9);
Check("Momentum: v_1 = 0.1 * 2, w_1 = 1 - 0.2", 0.8, w, 4);
var adamWeight = new Parameter("w", Tensor.Scalar(1.0));
var adam = new Adam([adamWeight]);
adam.ZeroGrad();
MiniDL.Autograd.Nodes.MultiplyConstant.Forward(adamWeight.Node, 2.0).Backward();
adam.Step();
Check("Adam's first step: 1 - 0.001 * m_hat / sqrt(v_hat)", 1 - 0.001, adamWeight.Value.Item(), 6);

// Learning-rate schedules.
Console.WriteLine("Learning rate schedules, lr_0 = 0.1:");
Check("Step Decay (drop 0.5 every 10 epochs), epoch 25", 0.1 * 0.25, new StepDecay(0.1, 0.5, 10).At(25), 4);
Check("Exponential Decay (k = 0.1), epoch 10", 0.1 * Math.Exp(-1), new ExponentialDecay(0.1, 0.1).At(10), 4);
Check("Cosine annealing, half way = (lr_max + lr_min)/2", 0.05, new CosineAnnealing(0, 0.1, 20).At(10), 4);

// "Confusion Matrix" and "When using F1-score?": Covid test with 20 TP, 10 FN, 1 FP, 500 TN.
Console.WriteLine("Confusion Matrix: 20 TP, 10 FN, 1 FP, 500 TN:");
var covid = ConfusionMatrix.FromBinaryCounts(truePositives: 20, falseNegatives: 10, falsePositives: 1, trueNegatives: 500);
int positive = ConfusionMatrix.PositiveClass;
Check("precision = 20/21", 20.0 / 21, covid.Precision(positive), 4);
Check("recall = 20/30", 20.0 / 30, covid.Recall(positive), 4);
Check("accuracy = 520/531", 520.0 / 531, covid.Accuracy, 4);
Check("specificity = 500/501", 500.0 / 501, covid.Specificity(positive), 4);
Check("F1 = 2PR/(P + R) = 40/51", 40.0 / 51, covid.F1(positive), 4);
Check("F2 = 5PR/(4P + R)", 5 * (20.0 / 21) * (2.0 / 3) / (4 * (20.0 / 21) + 2.0 / 3), ClassificationMetrics.FBeta(20.0 / 21, 2.0 / 3, 2), 4);

// "Imbalanced Data": class weight 1 - n_c / N.
Console.WriteLine("Imbalanced Data, 30 positives, 501 negatives:");
var weights = ClassWeights.FromCounts([501, 30]);
Check("weight of the rare class = 1 - 30/531", 1 - 30.0 / 531, weights[1], 4);

// "L1, L2 and Elastic Net" on W = [1, -2].
Console.WriteLine("L1, L2 and Elastic Net, W = [1, -2], lambda = 0.1:");
var layer = Linear.FromValues([1, -2], [0], inputs: 2, outputs: 1);
Check("L1 = 0.1 (1 + 2)", 0.3, new L1(0.1).Penalty(layer.Parameters())!.Value.Item(), 4);
Check("L2 = 0.1 (1 + 4)", 0.5, new L2(0.1).Penalty(layer.Parameters())!.Value.Item(), 4);
Check("Elastic Net = 0.3 + 0.5", 0.8, new ElasticNet(0.1, 0.1).Penalty(layer.Parameters())!.Value.Item(), 4);

// "Pseudocode" of training, with "Early Stopping": Trainer.Fit on a separable two-class problem.
Console.WriteLine("Training (Trainer.Fit, mini-batch 8, Adam, early stopping patience 3):");
var random = new Random(1);
var features = new double[200 * 2];
var labels = new int[200];
for (int i = 0; i < 200; i++)
{
    labels[i] = i % 2;
    features[2 * i] = random.NextDouble() + (labels[i] == 1 ? 1.5 : 0);
    features[2 * i + 1] = random.NextDouble();
}
var data = new Dataset("two blobs", features, 2, labels, ["left", "right"]);
var model = Sequential.Mlp([2, 8, 2], seed: 1);
var trainer = new Trainer(model, new Adam(model.Parameters(), 0.05)) { BatchSize = 8, Epochs = 30, EarlyStopping = new EarlyStopping(patience: 3) };
trainer.Fit(data, data);
Check("accuracy on the training set is 1", 1, trainer.Evaluate(data).Accuracy ?? 0, 2);

Console.WriteLine($"Day 01: {total - failed} of {total} lecture values reproduced");
return failed == 0 ? 0 : 1;
