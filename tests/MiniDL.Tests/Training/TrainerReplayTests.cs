using MiniDL.Autograd.Activations;
using MiniDL.Backends;
using MiniDL.Data;
using MiniDL.Layers;
using MiniDL.Optimizers;
using MiniDL.Regularization;
using MiniDL.Tests.TestSupport;
using MiniDL.Training;

namespace MiniDL.Tests.Training;

/// <summary>The trainer's graph replay (<see cref="Trainer.UseReplay"/>) against its eager loop.</summary>
public class TrainerReplayTests
{
    [TestCase(false)]
    [TestCase(true)]
    public void Fit_ReplayAndEager_BitIdenticalWeightsAndLosses(bool batchNormDropoutAndPenalties)
    {
        // 27 samples in batches of 8: three full batches and a last one of 3 rows, so both recorded graphs are used.
        (double[][] Weights, double[] Losses) Run(bool replay)
        {
            var data = Datasets.Spiral(pointsPerClass: 9, classes: 3, seed: 4);
            var model = batchNormDropoutAndPenalties
                ? Sequential.Mlp([2, 8, 3], Activation.Tanh, seed: 5, dropout: 0.2, batchNorm: true)
                : Sequential.Mlp([2, 8, 3], seed: 5);
            var trainer = new Trainer(model, new Adam(model.Parameters(), 0.01))
            {
                BatchSize = 8,
                Epochs = 3,
                Seed = 6,
                UseReplay = replay,
                Regularizer = batchNormDropoutAndPenalties ? new ElasticNet(0.01, 0.02) : null,
                Clipping = batchNormDropoutAndPenalties ? GradientClipping.ByNorm(0.5) : null,
            };
            var losses = trainer.Fit(data).Epochs.Select(e => e.Loss).ToArray();
            return (model.State().Select(p => p.Value.ToArray()).ToArray(), losses);
        }

        var eager = Run(replay: false);
        var replayed = Run(replay: true);
        Assert.That(replayed.Losses, Is.EqualTo(eager.Losses));
        Assert.That(replayed.Weights, Is.EqualTo(eager.Weights));
    }

    [TestCase("reference")]
    [TestCase("cpu-f32")]
    public void Fit_Replay_SteadyStepAllocatesUnderOneKilobyte(string backendName)
    {
        var backend = TestBackends.Get(backendName);
        var data = Datasets.Spiral(pointsPerClass: 100, classes: 3, seed: 1);
        var model = Sequential.Mlp([2, 16, 3], seed: 2, backend: backend);
        long before = 0, iterations = 0;
        double bytesPerStep = double.NaN;
        var trainer = new Trainer(model, new Adam(model.Parameters(), 0.01))
        {
            BatchSize = 32,
            Epochs = 3,
            TrackTrainAccuracy = false,
            OnEpoch = r =>
            {
                long now = GC.GetAllocatedBytesForCurrentThread();
                bytesPerStep = (double)(now - before) / (r.Iterations - iterations);
                iterations = r.Iterations;
                before = GC.GetAllocatedBytesForCurrentThread();
            },
        };
        trainer.Fit(data);
        Assert.That(bytesPerStep, Is.LessThanOrEqualTo(1024), "managed bytes per step in the last epoch (per-epoch reporting included)");
    }

    [Test]
    public void Fit_Replay_DropoutMaskChangesEveryStep()
    {
        var data = Datasets.Spiral(pointsPerClass: 8, classes: 2, seed: 3);
        var model = Sequential.Mlp([2, 6, 2], seed: 4, dropout: 0.5);
        var trainer = new Trainer(model, new Sgd(model.Parameters(), 0.1)) { BatchSize = 4, Epochs = 2, TrackTrainAccuracy = false };
        trainer.Fit(data);
        var dropout = model.Layers.OfType<Dropout>().Single();
        Assert.That(dropout.Steps, Is.EqualTo(8UL), "one mask per step: 16 samples / 4 × 2 epochs");
    }
}
