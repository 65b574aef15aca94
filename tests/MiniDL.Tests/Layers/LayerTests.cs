using MiniDL.Layers;

namespace MiniDL.Tests.Layers;

public class LayerTests
{
    [Test]
    public void Predict_InTrainingMode_UsesEvalModeAndRestoresTraining()
    {
        // Dropout with p = 0.5 would zero about half the values in training mode; Predict must not.
        var model = new Sequential(new Dropout(0.5, seed: 1));
        var x = Tensor.FromArray(Enumerable.Repeat(1.0, 100).ToArray(), 10, 10);
        Assert.That(model.Predict(x).ToArray(), Is.All.EqualTo(1.0));
        Assert.That(model.Training, Is.True);
        Assert.That(((Dropout)model.Layers[0]).Training, Is.True);
    }

    [Test]
    public void EvalThenTrain_Sequential_PropagatesToChildren()
    {
        var model = Sequential.Mlp([2, 3, 2], dropout: 0.1);
        model.Eval();
        Assert.That(model.Layers.All(l => !l.Training), Is.True);
        model.Train();
        Assert.That(model.Layers.All(l => l.Training), Is.True);
    }

    [Test]
    public void ParameterCount_Mlp_CountsWeightsAndBiases()
        => Assert.That(Sequential.Mlp([64, 64, 10]).ParameterCount, Is.EqualTo((64 * 64) + 64 + (64 * 10) + 10));
}
