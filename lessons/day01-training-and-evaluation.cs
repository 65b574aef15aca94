#:project ../managed/MiniDL/MiniDL.csproj
// Day 01, walked in the lecture's order with its numbers (docs/lectures.md, "Day 01"). Where Day 01 gives a formula
// without numbers, "lecture" is the formula worked by hand. Run from the repository root:
// dotnet run lessons/day01-training-and-evaluation.cs
using MiniDL;
using MiniDL.Autograd.Activations;
using static MiniDL.Lessons.LessonScript;

var lesson = Start("Day 01", "Day 01");

// "Activation Functions" at x = -1: sigmoid, tanh, ReLU, Leaky ReLU (0.1), ELU (alpha = 1).
Console.WriteLine("Activation Functions at x = -1:");
var x = Row(-1);
lesson.Check("sigmoid = 1/(1 + e)", 1 / (1 + Math.E), Sigmoid.Forward(x).Value.Item(), 4);
lesson.Check("tanh(-1)", Math.Tanh(-1), Tanh.Forward(x).Value.Item(), 4);
lesson.Check("ReLU = 0", 0, Relu.Forward(x).Value.Item(), 4);
lesson.Check("Leaky ReLU = -0.1", -0.1, LeakyRelu.Forward(x).Value.Item(), 4);
lesson.Check("ELU = e^-1 - 1", Math.Exp(-1) - 1, Elu.Forward(x, 1.0).Value.Item(), 4);

// Maxout max(w1ᵀx + b1, w2ᵀx + b2) with two pieces at x = (1, 2): w1 = (1, 1), b1 = 0 gives 3; w2 = (2, -1),
// b2 = 0.5 gives 0.5. Softmax e^{s_k} / Σ_j e^{s_j} of s = (1, 2, 3), its last entry.
var xm = Row(1, 2);
MiniDL.Autograd.Node Column(double a, double b) => MiniDL.Autograd.Node.Leaf(Tensor.FromRows([[a], [b]]), "w");
MiniDL.Autograd.Node Bias(double b) => MiniDL.Autograd.Node.Leaf(Tensor.FromRows([[b]]), "b");
lesson.Check("Maxout = max(1 + 2 + 0, 2 - 2 + 0.5) = 3", 3, Maxout.Forward(xm, [Column(1, 1), Column(2, -1)], [Bias(0), Bias(0.5)]).Value.Item(), 4);
lesson.Check("softmax(1, 2, 3), last = e^3 / (e + e^2 + e^3)", Math.Exp(3) / (Math.E + Math.Exp(2) + Math.Exp(3)), Softmax.Forward(Row(1, 2, 3)).Value.ToArray()[2], 4);

// "Loss Functions": MSE and cross-entropy.
Console.WriteLine("Loss Functions:");
lesson.Check("MSE([1, 2], [0, 0]) = (1 + 4)/2", 2.5, MiniDL.Autograd.Losses.MeanSquaredError.Forward(Row(1, 2), MiniDL.Autograd.Node.Constant(Tensor.FromRows([[0, 0]]), "y")).Value.Item(), 4);
lesson.Check("cross-entropy of [0.25, 0.75], class 2 = -ln 0.75", -Math.Log(0.75), MiniDL.Autograd.Losses.CategoricalCrossEntropy.Forward(Row(0.25, 0.75), OneHot(1, 2)).Value.Item(), 4);

// Initialization: the lecture writes the standard deviation.
Console.WriteLine("Initialization, fan_in = 100, fan_out = 50 (standard deviations):");
lesson.Check("Xavier sigma = sqrt(2 / 150)", Math.Sqrt(2.0 / 150), MiniDL.Initializers.Xavier.Sigma(100, 50), 4);
lesson.Check("He sigma = sqrt(2 / 100)", Math.Sqrt(2.0 / 100), MiniDL.Initializers.He.Sigma(100), 4);
var drawn = new MiniDL.Initializers.He().Sample(400, 100, seed: 1);
double sd = Math.Sqrt(drawn.Select(v => v * v).Average());
lesson.Check("He sample sd, fan_in = 400: sqrt(2 / 400)", Math.Sqrt(2.0 / 400), sd, 3);

// "Gradient Descent with Momentum" (v = beta v + lr g, w = w - v) and "Adam" (first step moves by about lr).
Console.WriteLine("Momentum and Adam, w = 1, g = 2:");
double w = 1, v = 0;
MiniDL.Optimizers.Momentum.Update(ref w, 2, ref v, 0.1, 0.9);
lesson.Check("Momentum: v_1 = 0.1 * 2, w_1 = 1 - 0.2", 0.8, w, 4);
var adamWeight = new MiniDL.Layers.Parameter("w", Tensor.Scalar(1.0));
var adam = new MiniDL.Optimizers.Adam([adamWeight]);
adam.ZeroGrad();
MiniDL.Autograd.Nodes.MultiplyConstant.Forward(adamWeight.Node, 2.0).Backward();
adam.Step();
lesson.Check("Adam's first step: 1 - 0.001 * m_hat / sqrt(v_hat)", 1 - 0.001, adamWeight.Value.Item(), 6);

// Learning-rate schedules.
Console.WriteLine("Learning rate schedules, lr_0 = 0.1:");
lesson.Check("Step Decay (drop 0.5 every 10 epochs), epoch 25", 0.1 * 0.25, new MiniDL.Schedules.StepDecay(0.1, 0.5, 10).At(25), 4);
lesson.Check("Exponential Decay (k = 0.1), epoch 10", 0.1 * Math.Exp(-1), new MiniDL.Schedules.ExponentialDecay(0.1, 0.1).At(10), 4);
lesson.Check("Cosine annealing, half way = (lr_max + lr_min)/2", 0.05, new MiniDL.Schedules.CosineAnnealing(0, 0.1, 20).At(10), 4);

// "Confusion Matrix" and "When using F1-score ?": Covid test with 20 TP, 10 FN, 1 FP, 500 TN.
Console.WriteLine("Confusion Matrix: 20 TP, 10 FN, 1 FP, 500 TN:");
var covid = MiniDL.Metrics.ConfusionMatrix.FromBinaryCounts(truePositives: 20, falseNegatives: 10, falsePositives: 1, trueNegatives: 500);
int positive = MiniDL.Metrics.ConfusionMatrix.PositiveClass;
lesson.Check("precision = 20/21", 20.0 / 21, covid.Precision(positive), 4);
lesson.Check("recall = 20/30", 20.0 / 30, covid.Recall(positive), 4);
lesson.Check("accuracy = 520/531", 520.0 / 531, covid.Accuracy, 4);
lesson.Check("specificity = 500/501", 500.0 / 501, covid.Specificity(positive), 4);
lesson.Check("F1 = 2PR/(P + R) = 40/51", 40.0 / 51, covid.F1(positive), 4);
lesson.Check("F2 = 5PR/(4P + R)", 5 * (20.0 / 21) * (2.0 / 3) / (4 * (20.0 / 21) + 2.0 / 3), MiniDL.Metrics.ClassificationMetrics.FBeta(20.0 / 21, 2.0 / 3, 2), 4);

// "Imbalanced Data": class weight 1 - n_c / N, the lecture's samples_per_classes = [100, 200, 300, 400].
Console.WriteLine("Imbalanced Data, samples_per_classes = [100, 200, 300, 400]:");
var lectureWeights = MiniDL.Data.ClassWeights.FromCounts([100, 200, 300, 400]);
lesson.Check("class_weights[0] = 1 - 100/1000", 0.9, lectureWeights[0], 2);
lesson.Check("class_weights[3] = 1 - 400/1000", 0.6, lectureWeights[3], 2);
Console.WriteLine("Imbalanced Data, the Covid test: 30 positives, 501 negatives:");
var weights = MiniDL.Data.ClassWeights.FromCounts([501, 30]);
lesson.Check("weight of the rare class = 1 - 30/531", 1 - 30.0 / 531, weights[1], 4);

// "Vanishing and Exploding Gradients": 1.01^365 = 37.8 and 0.99^365 = 0.03, as the gradient through 365 nodes y = a x.
Console.WriteLine("Vanishing and Exploding Gradients, 365 nodes y = a x, backward:");
foreach (var check in MiniDL.Lessons.WorkedExamples.VanishingExploding(MiniDL.Backends.ReferenceBackend.Instance))
{
    lesson.Check(check.Quantity, check.Expected, check.Actual, check.Digits);
}

// "L1, L2 and Elastic Net" on W = [1, -2].
Console.WriteLine("L1, L2 and Elastic Net, W = [1, -2], lambda = 0.1:");
var layer = MiniDL.Layers.Linear.FromValues([1, -2], [0], inputs: 2, outputs: 1);
lesson.Check("L1 = 0.1 (1 + 2)", 0.3, new MiniDL.Regularization.L1(0.1).Penalty(layer.Parameters())!.Value.Item(), 4);
lesson.Check("L2 = 0.1 (1 + 4)", 0.5, new MiniDL.Regularization.L2(0.1).Penalty(layer.Parameters())!.Value.Item(), 4);
lesson.Check("Elastic Net = 0.3 + 0.5", 0.8, new MiniDL.Regularization.ElasticNet(0.1, 0.1).Penalty(layer.Parameters())!.Value.Item(), 4);

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
var data = new MiniDL.Data.Dataset("two blobs", features, 2, labels, ["left", "right"]);
var model = MiniDL.Layers.Sequential.Mlp([2, 8, 2], seed: 1);
var trainer = new MiniDL.Training.Trainer(model, new MiniDL.Optimizers.Adam(model.Parameters(), 0.05)) { BatchSize = 8, Epochs = 30, EarlyStopping = new MiniDL.Regularization.EarlyStopping(patience: 3) };
trainer.Fit(data, data);
lesson.Check("accuracy on the training set is 1", 1, trainer.Evaluate(data).Accuracy ?? 0, 2);

// "Pseudocode: Mini-Batch Gradient Descent", line by line, with MiniBatches.Of cutting each epoch.
Console.WriteLine("The same loop by hand (Pseudocode: Mini-Batch Gradient Descent, batch_size 8, W = W - 0.5 grad):");
var byHand = MiniDL.Layers.Sequential.Mlp([2, 8, 2], seed: 1);  // Initialize weights W randomly
var sgd = new MiniDL.Optimizers.Sgd(byHand.Parameters(), 0.5);
int iterations = 0;
for (int epoch = 0; epoch < 30; epoch++)                        // for each epoch do
{
    foreach (var batch in MiniDL.Data.MiniBatches.Of(data, batchSize: 8, shuffleSeed: epoch)) // for i = 1 to m/batch_size do
    {
        sgd.ZeroGrad();                                          // compute gradient: grad = ∇ loss_func(W, X[i:i+batch_size], y[…])
        var logits = byHand.Forward(MiniDL.Autograd.Node.Constant(batch.Inputs));
        MiniDL.Autograd.Losses.SoftmaxCrossEntropy.Forward(logits, MiniDL.Autograd.Node.Constant(batch.Targets)).Backward();
        sgd.Step();                                              // update weights: W = W - learning_rate * grad
        iterations++;
    }
}
lesson.Check("iterations per epoch = m / batch_size = 200 / 8", 25, iterations / 30.0, 0);
var everything = MiniDL.Data.MiniBatches.Of(data, data.Count).Single();
var predicted = MiniDL.Training.Trainer.PredictedLabels(byHand.Predict(everything.Inputs));
lesson.Check("accuracy of the loop by hand is 1", 1, predicted.Zip(everything.Labels).Count(p => p.First == p.Second) / 200.0, 2);

return lesson.Finish();
