using MiniDL.Autograd.Activations;
using MiniDL.Data;
using MiniDL.Layers;
using MiniDL.Optimizers;
using MiniDL.Regularization;
using MiniDL.Schedules;
using MiniDL.Training;

namespace MiniDL.Tests.Training;

public class TrainerTests
{
    [Test]
    public void Fit_XorMlp_HundredPercentAccuracy()
    {
        var xor = Datasets.Xor();
        var model = Sequential.Mlp([2, 8, 2], Activation.Tanh, seed: 1);
        var trainer = new Trainer(model, new Adam(model.Parameters(), 0.05)) { Mode = BatchMode.BatchGD, Epochs = 300 };
        var history = trainer.Fit(xor);
        Assert.That(history.Last.TrainAccuracy, Is.EqualTo(1.0));
        Assert.That(trainer.Evaluate(xor).Predictions, Is.EqualTo(new[] { 0, 1, 1, 0 }));
        Assert.That(history.Last.Loss, Is.LessThan(history.Epochs[0].Loss));
    }

    [Test]
    public void Fit_HugeLearningRate_StopsAtTheFirstNonFiniteLossNamingEpochAndIteration()
    {
        // Issue 12: a loss of NaN or ∞ stops training at once instead of training on NaN weights for every epoch.
        var digits = Datasets.Digits();
        var model = Sequential.Mlp([64, 256, 128, 10], seed: 0);
        var trainer = new Trainer(model, new Sgd(model.Parameters(), 1e6)) { Epochs = 3 };
        var ex = Assert.Throws<TrainingDivergedException>(() => trainer.Fit(digits));
        Assert.That(ex!.Epoch, Is.EqualTo(1));
        Assert.That(ex.Iteration, Is.InRange(2, 45), "the first step with a non-finite loss, within the first epoch");
        Assert.That(double.IsFinite(ex.Loss!.Value), Is.False);
        Assert.That(ex.Message, Does.Contain("diverged at epoch 1").And.Contain("lower the learning rate (now 1E+06)"));
    }

    [TestCase(BatchMode.Sgd, 10)]
    [TestCase(BatchMode.MiniBatch, 3)]
    [TestCase(BatchMode.BatchGD, 1)]
    public void Fit_TenSamples_IterationsPerEpochFollowMode(BatchMode mode, int perEpoch)
    {
        // An epoch is one pass; an iteration one update: 10 samples give 10, ⌈10/4⌉ = 3 or 1 iterations per epoch.
        var data = Datasets.Spiral(pointsPerClass: 5, classes: 2, seed: 1);
        var model = Sequential.Mlp([2, 4, 2], seed: 2);
        var trainer = new Trainer(model, new Sgd(model.Parameters(), 0.1)) { Mode = mode, BatchSize = 4, Epochs = 2 };
        var history = trainer.Fit(data);
        Assert.That(history.Epochs.Select(e => e.Iterations), Is.EqualTo(new long[] { perEpoch, 2 * perEpoch }));
    }

    [Test]
    public void Fit_Schedule_LearningRatePerEpochReported()
    {
        var data = Datasets.Xor();
        var model = Sequential.Mlp([2, 3, 2], seed: 2);
        var opt = new Sgd(model.Parameters(), 1.0);
        var reports = new List<EpochReport>();
        var trainer = new Trainer(model, opt) { Epochs = 4, Schedule = new StepDecay(0.1, 0.5, 2), OnEpoch = reports.Add };
        trainer.Fit(data);
        Assert.That(reports.Select(r => r.LearningRate), Is.EqualTo(new[] { 0.1, 0.1, 0.05, 0.05 }));
        Assert.That(reports.Select(r => r.Epoch), Is.EqualTo(new[] { 1, 2, 3, 4 }));
    }

    [Test]
    public void Fit_SameSeed_SameHistory()
    {
        double[] Run()
        {
            var data = Datasets.Spiral(pointsPerClass: 20, classes: 3, seed: 4);
            var model = Sequential.Mlp([2, 8, 3], seed: 5, dropout: 0.1);
            var trainer = new Trainer(model, new Momentum(model.Parameters(), 0.05)) { BatchSize = 8, Epochs = 3, Seed = 6 };
            return trainer.Fit(data).Epochs.Select(e => e.Loss).ToArray();
        }

        Assert.That(Run(), Is.EqualTo(Run()));
    }

    [Test]
    public void Fit_EarlyStopping_StopsAndRestoresBestValidationWeights()
    {
        // Training on one tiny set and validating on a contradicting one: validation loss rises soon, so training
        // stops early and the model holds the weights of the best validation epoch.
        var train = new Dataset("t", [0, 0, 1, 1], 2, [0, 1], ["a", "b"]);
        var valid = new Dataset("v", [0, 0, 1, 1], 2, [1, 0], ["a", "b"]);
        var model = Sequential.Mlp([2, 4, 2], seed: 3);
        var es = new EarlyStopping(patience: 2);
        var trainer = new Trainer(model, new Sgd(model.Parameters(), 0.5)) { Epochs = 50, EarlyStopping = es, Mode = BatchMode.BatchGD };
        var history = trainer.Fit(train, valid);
        Assert.That(history.StoppedEarly, Is.True);
        Assert.That(history.Epochs, Has.Count.EqualTo(es.BestEpoch + 2));
        Assert.That(trainer.Evaluate(valid).Loss, Is.EqualTo(es.BestLoss).Within(1e-12));
    }

    [Test]
    public void Fit_Regression_MseDecreases()
    {
        // y = 2x − 1 on 20 points, a linear model with MSE (the default for a regression set).
        var xs = Enumerable.Range(0, 20).Select(i => i / 10.0 - 1).ToArray();
        var data = Dataset.ForRegression("line", xs, 1, xs.Select(x => (2 * x) - 1).ToArray());
        var model = new Sequential(new Linear(1, 1, seed: 1));
        var trainer = new Trainer(model, new Sgd(model.Parameters(), 0.1)) { Epochs = 100, BatchSize = 5 };
        var history = trainer.Fit(data);
        Assert.That(history.Last.TrainAccuracy, Is.Null);
        Assert.That(history.Last.Loss, Is.LessThan(1e-4));
        var w = model.Parameters().Select(p => p.Value.Item()).ToArray();
        Assert.That(w, Is.EqualTo(new[] { 2.0, -1.0 }).Within(1e-2));
    }

    [Test]
    public void Fit_EarlyStoppingWithoutValidation_Throws()
    {
        var model = Sequential.Mlp([2, 2]);
        var trainer = new Trainer(model, new Sgd(model.Parameters())) { EarlyStopping = new EarlyStopping() };
        Assert.Throws<ArgumentException>(() => trainer.Fit(Datasets.Xor()));
    }

    [Test]
    public void Fit_L2Regularizer_ShrinksWeightsComparedToNone()
    {
        double Norm(Regularizer? r)
        {
            var model = Sequential.Mlp([2, 6, 3], seed: 8);
            var trainer = new Trainer(model, new Sgd(model.Parameters(), 0.1)) { Epochs = 20, Regularizer = r };
            trainer.Fit(Datasets.Spiral(pointsPerClass: 10, seed: 2));
            return model.Parameters().Where(p => p.Regularized).Sum(p => p.Value.ToArray().Sum(v => v * v));
        }

        Assert.That(Norm(new L2(0.05)), Is.LessThan(Norm(null)));
    }

    [Test]
    public void PredictedLabels_SeveralOutputs_ArgmaxOfEachRow()
        => Assert.That(Trainer.PredictedLabels(Tensor.FromRows([[0.1, 2.0, -1.0], [3.0, 0.5, 0.4], [-1.0, -2.0, 0.0]])), Is.EqualTo(new[] { 1, 0, 2 }));

    [Test]
    public void PredictedLabels_OneOutput_ThresholdAtOneHalf()
        => Assert.That(Trainer.PredictedLabels(Tensor.FromRows([[0.2], [0.5], [0.9]])), Is.EqualTo(new[] { 0, 1, 1 }));
}
