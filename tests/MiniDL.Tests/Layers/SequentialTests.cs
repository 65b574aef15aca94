using MiniDL.Autograd;
using MiniDL.Autograd.Activations;
using MiniDL.Backends;
using MiniDL.Layers;

namespace MiniDL.Tests.Layers;

public class SequentialTests
{
    [Test]
    public void Parameters_PositionalLayers_NamedByIndex()
    {
        var model = new Sequential(new Linear(2, 3), new ActivationLayer(Activation.Relu), new Linear(3, 1));
        Assert.That(model.Parameters().Select(p => p.Name), Is.EqualTo(new[] { "0.W", "0.b", "2.W", "2.b" }));
    }

    [Test]
    public void Parameters_NamedLayers_NamedByLayerName()
    {
        var model = new Sequential(("fc1", new Linear(2, 3)), ("act", new ActivationLayer(Activation.Tanh)), ("fc2", new Linear(3, 1)));
        Assert.That(model.Parameters().Select(p => p.Name), Is.EqualTo(new[] { "fc1.W", "fc1.b", "fc2.W", "fc2.b" }));
        Assert.That(model["fc2"], Is.InstanceOf<Linear>());
    }

    [Test]
    public void Forward_TwoLinear_EqualsComposition()
    {
        // f2(f1(x)) with f1: 1 → 1, y = 2x + 1; f2: y → 3y − 1. x = 2 → 5 → 14.
        var model = new Sequential(Linear.FromValues([2], [1], 1, 1), Linear.FromValues([3], [-1], 1, 1));
        Assert.That(model.Forward(Node.Constant(Tensor.Scalar(2))).Value.Item(), Is.EqualTo(14.0));
    }

    [Test]
    public void Mlp_WithBatchNormAndDropout_LayerOrder()
    {
        var model = Sequential.Mlp([4, 8, 8, 3], Activation.Relu, batchNorm: true, dropout: 0.2);
        Assert.That(model.Layers.Select(l => l.GetType().Name), Is.EqualTo(new[]
        {
            "Linear", "BatchNorm", "ActivationLayer", "Dropout",
            "Linear", "BatchNorm", "ActivationLayer", "Dropout",
            "Linear",
        }));
        Assert.That(model.Buffers().Select(b => b.Name), Is.EqualTo(new[] { "1.running_mean", "1.running_var", "5.running_mean", "5.running_var" }));
    }

    [Test]
    public void To_SameBackend_KeepsValues()
    {
        var model = Sequential.Mlp([2, 3, 2], seed: 4);
        var before = model.Parameters().Select(p => p.Value.ToArray()).ToArray();
        model.To(ReferenceBackend.Instance);
        Assert.That(model.Parameters().Select(p => p.Value.ToArray()), Is.EqualTo(before));
    }

    [Test]
    public void Constructor_DuplicateNames_Throws()
        => Assert.Throws<ArgumentException>(() => _ = new Sequential(("a", new Linear(1, 1)), ("a", new Linear(1, 1))));

    [TestCase(Activation.Relu)]
    [TestCase(Activation.Tanh)]
    [TestCase(Activation.Elu)]
    public void Forward_FusedAndUnfused_SameValuesAndGradients(Activation hidden)
    {
        // The model builds lecture 7's graph (add-bias, then the activation); the fusion pass rewrites it and the
        // rewritten graph, evaluated again, gives the same output and gradients.
        (double[] Output, double[][] Grads, string[] Ops) Run(bool fuse)
        {
            var model = Sequential.Mlp([3, 5, 2], hidden, seed: 7);
            var y = model.Forward(Node.Constant(Tensor.FromArray([0.5, -1, 2, -0.3, 0.8, 1.1], 2, 3)));
            var j = MiniDL.Autograd.Nodes.Sum.Forward(MiniDL.Autograd.Nodes.Square.Forward(y));
            if (fuse)
            {
                MiniDL.Autograd.Passes.FuseBiasActivation.Apply(j);
                var tape = new Tape(j);
                tape.Forward();
                tape.Backward();
            }
            else
            {
                j.Backward();
            }

            return (y.Value.ToArray(), model.Parameters().Select(p => p.Grad!.ToArray()).ToArray(), j.TopologicalOrder().Select(n => n.Op).ToArray());
        }

        var fused = Run(fuse: true);
        var separate = Run(fuse: false);
        Assert.That(fused.Output, Is.EqualTo(separate.Output).Within(1e-12));
        Assert.That(fused.Grads, Is.EqualTo(separate.Grads).Within(1e-12));
        Assert.That(fused.Ops, Does.Contain("add_bias_activation"));
        Assert.That(separate.Ops, Does.Not.Contain("add_bias_activation"));
    }
}
