using MiniDL.Layers;
using MiniDL.Regularization;

namespace MiniDL.Tests.Regularization;

public class EarlyStoppingTests
{
    [Test]
    public void Update_PatienceThree_StopsAfterThreeEpochsWithoutImprovementAndRestoresBest()
    {
        // Losses 1.0, 0.8 (best, epoch 2), 0.9, 0.85, 0.95 → wait 1, 2, 3 → stop at epoch 5; weights of epoch 2 restored.
        var layer = Linear.FromValues([0], [0], 1, 1);
        var es = new EarlyStopping(patience: 3);
        double[] losses = [1.0, 0.8, 0.9, 0.85, 0.95];
        var stops = new List<bool>();
        for (int epoch = 1; epoch <= losses.Length; epoch++)
        {
            layer.Weight.Load([epoch]); // pretend training changed the weights
            stops.Add(es.Update(epoch, losses[epoch - 1], layer));
        }

        Assert.That(stops, Is.EqualTo(new[] { false, false, false, false, true }));
        Assert.That((es.BestEpoch, es.BestLoss), Is.EqualTo((2, 0.8)));
        Assert.That(es.RestoreBest(layer), Is.True);
        Assert.That(layer.Weight.Value.Item(), Is.EqualTo(2.0));
    }

    [Test]
    public void Update_MinDelta_SmallImprovementDoesNotCount()
    {
        var layer = Linear.FromValues([0], [0], 1, 1);
        var es = new EarlyStopping(patience: 1, minDelta: 0.1);
        Assert.That(es.Update(1, 1.0, layer), Is.False);
        Assert.That(es.Update(2, 0.95, layer), Is.True);
    }
}
