using MiniDL.Layers;
using MiniDL.Optimizers;
using MiniDL.Training;

namespace MiniDL.Tests.Training;

public class BatchModeTests
{
    [TestCase(BatchMode.Sgd, 1)]
    [TestCase(BatchMode.MiniBatch, 32)]
    [TestCase(BatchMode.BatchGD, 100)]
    public void EffectiveBatchSize_HundredSamples_LectureMeaning(BatchMode mode, int expected)
    {
        var model = Sequential.Mlp([2, 2]);
        var trainer = new Trainer(model, new Sgd(model.Parameters())) { Mode = mode, BatchSize = 32 };
        Assert.That(trainer.EffectiveBatchSize(100), Is.EqualTo(expected));
    }
}
