using MiniDL.Autograd.Nodes;
using MiniDL.Layers;

namespace MiniDL.Tests.Layers;

public class ParameterTests
{
    [Test]
    public void ZeroGrad_AfterBackward_KeepsBufferAtZero()
    {
        var p = new Parameter("W", Tensor.FromArray([1.0, 2.0], 1, 2));
        Sum.Forward(Square.Forward(p.Node)).Backward();
        var buffer = p.Grad;
        Assert.That(buffer!.ToArray(), Is.EqualTo(new[] { 2.0, 4.0 }));
        p.ZeroGrad();
        Assert.That(p.Grad, Is.SameAs(buffer));
        Assert.That(p.Grad!.ToArray(), Is.EqualTo(new[] { 0.0, 0.0 }));
    }

    [Test]
    public void Load_WrongCount_Throws()
    {
        var p = new Parameter("W", Tensor.Zeros(2, 2));
        Assert.Throws<ArgumentException>(() => p.Load([1.0, 2.0, 3.0]));
    }

    [Test]
    public void CopyFrom_SameShape_CopiesValues()
    {
        var p = new Parameter("W", Tensor.Zeros(1, 3));
        p.CopyFrom(Tensor.FromArray([1.0, 2.0, 3.0], 1, 3));
        Assert.That(p.Value.ToArray(), Is.EqualTo(new[] { 1.0, 2.0, 3.0 }));
        Assert.Throws<ArgumentException>(() => p.CopyFrom(Tensor.Zeros(3, 1)));
    }

    [Test]
    public void Constructor_NotTrainable_NodeTakesNoGradient()
        => Assert.That(new Parameter("running_mean", Tensor.Zeros(1, 2), trainable: false).Node.RequiresGrad, Is.False);
}
