using MiniDL.Autograd.Activations;
using MiniDL.Data;
using MiniDL.Layers;
using MiniDL.Optimizers;
using MiniDL.Training;

namespace MiniDL.Tests.Training;

public class TrainerTargetAccuracyTests
{
    private static Trainer XorTrainer(double? target, bool track = true)
    {
        var model = Sequential.Mlp([2, 8, 2], Activation.Tanh, seed: 1);
        return new Trainer(model, new Adam(model.Parameters(), 0.05)) { Mode = BatchMode.BatchGD, Epochs = 300, TargetAccuracy = target, TrackTrainAccuracy = track };
    }

    [Test]
    public void Fit_TargetAccuracy_StopsAfterTheFirstEpochThatReachesItAndReportsIt()
    {
        var full = XorTrainer(null).Fit(Datasets.Xor());
        int first = full.Epochs.First(e => e.TrainAccuracy >= 1.0).Epoch;

        var history = XorTrainer(1.0, track: false).Fit(Datasets.Xor());

        Assert.Multiple(() =>
        {
            Assert.That(first, Is.LessThan(300));
            Assert.That(history.Epochs, Has.Count.EqualTo(first));
            Assert.That(history.ReachedTargetAccuracy, Is.EqualTo(first));
            Assert.That(history.Last.TrainAccuracy, Is.EqualTo(1.0));
            Assert.That(history.StoppedEarly, Is.False, "early stopping is the validation rule; this is the target");
            Assert.That(full.ReachedTargetAccuracy, Is.Null);
        });
    }

    [Test]
    public void Fit_TargetAccuracyOutOfRange_Throws()
    {
        Assert.Throws<ArgumentException>(() => XorTrainer(1.5).Fit(Datasets.Xor()));
    }
}
