using MiniDL.Autograd;
using MiniDL.Autograd.Activations;
using MiniDL.Autograd.Losses;
using MiniDL.Autograd.Nodes;
using MiniDL.Autograd.Passes;
using MiniDL.Backends;
using MiniDL.Layers;

namespace MiniDL.Tests.Autograd.Passes;

/// <summary>The fusion pass: the fused graph computes what lecture 7's graph computes.</summary>
public class FuseBiasActivationTests
{
    private static readonly Activation[] Fusable = [Activation.Sigmoid, Activation.Tanh, Activation.Relu, Activation.LeakyRelu, Activation.Elu];

    [TestCaseSource(nameof(Fusable))]
    public void Apply_SmallMlp_BitIdenticalValuesAndGradientsOnReference(Activation hidden)
    {
        // Both graphs are recorded on one batch, then evaluated on another: the fused one runs its fused kernels.
        var (xs1, ts1) = Batch(new Random(1));
        var (xs2, ts2) = Batch(new Random(2));
        (double Loss, double[][] Grads, string Graph) Run(bool fuse)
        {
            var model = Sequential.Mlp([4, 6, 5, 3], hidden, seed: 3);
            var x = Node.Constant(Tensor.FromArray(xs1, 5, 4));
            var t = Node.Constant(Tensor.FromArray(ts1, 5, 3));
            var loss = SoftmaxCrossEntropy.Forward(model.Forward(x), t);
            var nodes = fuse ? FuseBiasActivation.Apply(loss) : loss.TopologicalOrder();
            var tape = new Tape(loss);
            ReferenceBackend.Instance.Upload(xs2, x.Value.Storage);
            ReferenceBackend.Instance.Upload(ts2, t.Value.Storage);
            tape.Forward();
            tape.Backward();
            return (loss.Value.Item(), model.Parameters().Select(p => p.Grad!.ToArray()).ToArray(), GraphText.Format(nodes));
        }

        var unfused = Run(fuse: false);
        var fused = Run(fuse: true);
        Assert.That(fused.Loss, Is.EqualTo(unfused.Loss));
        Assert.That(fused.Grads, Is.EqualTo(unfused.Grads));
        Assert.That(Count(fused.Graph, "= add_bias_activation"), Is.EqualTo(2), fused.Graph);
        Assert.That(Count(fused.Graph, "add_bias("), Is.EqualTo(1), "the output layer has no activation: " + fused.Graph);
        Assert.That(Count(unfused.Graph, "add_bias("), Is.EqualTo(3), unfused.Graph);
        Assert.That(unfused.Graph, Does.Not.Contain("add_bias_activation"));
    }

    [Test]
    public void Apply_AddBiasUsedTwice_LeavesItUnfused()
    {
        var z = AddBias.Forward(Node.Leaf(Tensor.Zeros(2, 3)), Node.Leaf(Tensor.Zeros(1, 3)));
        var j = Sum.Forward(Add.Forward(Relu.Forward(z), z));
        var nodes = FuseBiasActivation.Apply(j);
        Assert.That(nodes.Select(n => n.Op), Does.Contain("relu").And.Contain("add_bias").And.Not.Contain("add_bias_activation"));
    }

    [Test]
    public void Apply_EluWithNegativeAlpha_LeavesItUnfused()
    {
        // With α ≤ 0, f′ cannot be computed from y (AddBiasActivation.CanFuse).
        var z = AddBias.Forward(Node.Leaf(Tensor.Zeros(2, 3)), Node.Leaf(Tensor.Zeros(1, 3)));
        var nodes = FuseBiasActivation.Apply(Sum.Forward(Elu.Forward(z, -0.5)));
        Assert.That(nodes.Select(n => n.Op), Does.Contain("elu").And.Not.Contain("add_bias_activation"));
    }

    [Test]
    public void Apply_ReturnsTheRewrittenTopologicalOrder()
    {
        var x = Node.Leaf(Tensor.Zeros(2, 3), "x");
        var b = Node.Leaf(Tensor.Zeros(1, 3), "b");
        var j = Sum.Forward(Tanh.Forward(AddBias.Forward(x, b)));
        var nodes = FuseBiasActivation.Apply(j);
        Assert.That(nodes, Is.EqualTo(j.TopologicalOrder()));
        Assert.That(GraphText.Format(nodes), Is.EqualTo("%0 = leaf x  (2, 3)\n%1 = leaf b  (1, 3)\n%2 = add_bias_activation(%0, %1)  (2, 3)\n%3 = sum(%2)  (1, 1)\n"));
    }

    private static int Count(string text, string what) => (text.Length - text.Replace(what, "", StringComparison.Ordinal).Length) / what.Length;

    /// <summary>A batch of 5 examples, 4 features, 3 classes.</summary>
    private static (double[] X, double[] T) Batch(Random rng) => RandomBatch.Draw(rng, rows: 5, features: 4, classes: 3);
}
