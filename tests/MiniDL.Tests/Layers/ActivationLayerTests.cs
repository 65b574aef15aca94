using MiniDL.Autograd;
using MiniDL.Autograd.Activations;
using MiniDL.Layers;

namespace MiniDL.Tests.Layers;

public class ActivationLayerTests
{
    [TestCase(Activation.Relu, new[] { 0.0, 0.0, 2.0 })]
    [TestCase(Activation.LeakyRelu, new[] { -0.3, 0.0, 2.0 })]
    [TestCase(Activation.Identity, new[] { -3.0, 0.0, 2.0 })]
    public void Forward_Kind_AppliesActivationWithLectureDefault(Activation kind, double[] expected)
    {
        var layer = new ActivationLayer(kind);
        var y = layer.Forward(Node.Constant(Tensor.FromArray([-3.0, 0.0, 2.0], 1, 3)));
        Assert.That(y.Value.ToArray(), Is.EqualTo(expected).Within(1e-15));
        Assert.That(layer.Parameters(), Is.Empty);
    }

    [Test]
    public void Forward_Sigmoid_ValueAtZeroIsHalf()
    {
        var y = new ActivationLayer(Activation.Sigmoid).Forward(Node.Constant(Tensor.Zeros(1, 1)));
        Assert.That(y.Value.Item(), Is.EqualTo(0.5));
    }
}
