using MiniDL.Data;
using MiniDL.Layers;
using MiniDL.Optimizers;
using MiniDL.Training;

namespace MiniDL.Tests.Training;

/// <summary>The two ways of measuring an epoch's training accuracy (<see cref="TrainAccuracySource"/>).</summary>
public class TrainAccuracySourceTests
{
    private static double FirstEpochAccuracy(TrainAccuracySource source, double learningRate, MiniDL.Backends.IBackend backend)
    {
        var digits = Standardizer.Fit(Datasets.Digits()).Transform(Datasets.Digits());
        var model = Sequential.Mlp([64, 32, 10], seed: 4, backend: backend);
        var trainer = new Trainer(model, new Sgd(model.Parameters(), learningRate))
        {
            BatchSize = 50,
            Epochs = 1,
            Seed = 9,
            TrainAccuracyFrom = source,
        };
        return trainer.Fit(digits).Last.TrainAccuracy!.Value;
    }

    [TestCase("reference")]
    [TestCase("cpu-f64")]
    public void Fit_TrainingBatchesWithFrozenWeights_EqualsTheEvaluationPass(string backendName)
    {
        // With lr = 0 every step sees the same weights, so the shuffled batches' predictions are the evaluation pass's.
        var backend = backendName == "reference" ? MiniDL.Backends.ReferenceBackend.Instance : TestBackends.Get(backendName);
        double pass = FirstEpochAccuracy(TrainAccuracySource.EvaluationPass, 0.0, backend);
        double batches = FirstEpochAccuracy(TrainAccuracySource.TrainingBatches, 0.0, backend);
        Assert.That(batches, Is.EqualTo(pass));
        Assert.That(pass, Is.InRange(0.0, 0.5), "an untrained model");
    }

    [Test]
    public void Fit_TrainingBatchesWhileLearning_TrailsTheFinalWeightsAccuracy()
    {
        // During the first epoch the model goes from chance to most digits right: the running count mixes those models.
        var backend = MiniDL.Backends.ReferenceBackend.Instance;
        double pass = FirstEpochAccuracy(TrainAccuracySource.EvaluationPass, 0.1, backend);
        double batches = FirstEpochAccuracy(TrainAccuracySource.TrainingBatches, 0.1, backend);
        Assert.That(pass, Is.GreaterThan(0.8), "the final weights of epoch 1");
        Assert.That(batches, Is.LessThan(pass - 0.02), "the running count includes the early, worse steps");
        Assert.That(batches, Is.GreaterThan(0.3), "but it counts real predictions, not zero");
    }

    [Test]
    public void Fit_TrainingBatchesOnRegression_ReportsNoAccuracy()
    {
        var data = Dataset.ForRegression("line", [0.0, 1.0, 2.0, 3.0], 1, [1.0, 3.0, 5.0, 7.0]);
        var model = Sequential.Mlp([1, 1], seed: 0);
        var trainer = new Trainer(model, new Sgd(model.Parameters(), 0.01)) { Epochs = 2, TrainAccuracyFrom = TrainAccuracySource.TrainingBatches };
        Assert.That(trainer.Fit(data).Last.TrainAccuracy, Is.Null);
    }
}
