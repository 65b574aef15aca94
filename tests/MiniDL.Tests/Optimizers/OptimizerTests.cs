using MiniDL.Layers;
using MiniDL.Optimizers;
using static MiniDL.Tests.Optimizers.OptimizerTestKit;

namespace MiniDL.Tests.Optimizers;

public class OptimizerTests
{
    [Test]
    public void ZeroGrad_AfterBackward_GradientIsZero()
    {
        var w = Param(1.0, 2.0);
        var opt = new Sgd([w], 0.1);
        LinearBackward(w, 3.0, 4.0);
        Assert.That(w.Grad!.ToArray(), Is.EqualTo(new[] { 3.0, 4.0 }));
        opt.ZeroGrad();
        Assert.That(w.Grad!.ToArray(), Is.EqualTo(new[] { 0.0, 0.0 }));
    }

    [Test]
    public void Step_ParameterWithoutGradient_Unchanged()
    {
        var a = Param(1.0);
        var b = new Parameter("b", Tensor.FromArray([5.0], 1, 1));
        var opt = new Sgd([a, b], 0.5);
        LinearBackward(a, 1.0);
        opt.Step();
        Assert.That((a.Value.Item(), b.Value.Item()), Is.EqualTo((0.5, 5.0)));
    }

    [Test]
    public void Constructor_NonTrainable_Skipped()
    {
        var frozen = new Parameter("running", Tensor.Zeros(1, 2), trainable: false);
        var opt = new Sgd([Param(1.0), frozen]);
        Assert.That(opt.Parameters, Has.Count.EqualTo(1));
    }

    [TestCase("sgd", typeof(Sgd))]
    [TestCase("momentum", typeof(Momentum))]
    [TestCase("nesterov", typeof(Nesterov))]
    [TestCase("Adam", typeof(Adam))]
    public void FromName_KnownName_ReturnsThatOptimizer(string name, Type type)
        => Assert.That(Optimizer.FromName(name, [Param(0.0)]), Is.TypeOf(type));

    [Test]
    public void LearningRate_Negative_Throws()
        => Assert.Throws<ArgumentOutOfRangeException>(() => new Sgd([Param(0.0)]).LearningRate = -1);
}
