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
        var layer = new MaxoutLayer(2, 2, pieces: 2);
        Assert.That(new L1(1).Penalty(layer.Parameters()), Is.Not.Null);
        Assert.That(new L1(1).Penalty(new ActivationLayer(Activation.Relu).Parameters()), Is.Null);
    }
}
