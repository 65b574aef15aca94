using MiniDL.Autograd;
using MiniDL.Autograd.Activations;
using MiniDL.Layers;
using MiniDL.Regularization;

namespace MiniDL.Tests.Regularization;

public class RegularizerTests
{
    [Test]
    public void AddTo_NoRegularizedParameters_ReturnsLossItself()
    {
        var loss = Node.Constant(Tensor.Scalar(1.5));
        Assert.That(new L2(0.1).AddTo(loss, new BatchNorm(2).Parameters()), Is.SameAs(loss));
    }

    [Test]
    public void Penalty_MaxoutWeightsCount_ActivationHasNone()
    {
        // Maxout 2→2 with two pieces, parameters in order W1, b1, W2, b2, set by hand. L1 with λ = 0.5 over the
        // weights only: 0.5 · (|1| + |−2| + |3| + |−4| + |0.5| + |0.5| + |−1| + |2|) = 0.5 · 14 = 7.
        // Counting the biases too would give 0.5 · (14 + 20 + 20) = 27; only W1 would give 0.5 · 10 = 5.
        var layer = new MaxoutLayer(2, 2, pieces: 2);
        double[][] values = [[1, -2, 3, -4], [10, -10], [0.5, 0.5, -1, 2], [20, 0]];
        foreach (var (p, v) in layer.Parameters().Zip(values))
        {
            p.Load(v);
        }

        var penalty = new L1(0.5).Penalty(layer.Parameters());
        Assert.That(penalty, Is.Not.Null);
        Assert.That(penalty!.Value.Item(), Is.EqualTo(7.0));
        Assert.That(new L1(1).Penalty(new ActivationLayer(Activation.Relu).Parameters()), Is.Null);
    }
}
