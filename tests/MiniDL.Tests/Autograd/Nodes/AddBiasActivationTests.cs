using FsCheck.Fluent;
using MiniDL.Autograd;
using MiniDL.Autograd.Activations;
using MiniDL.Autograd.Nodes;
using MiniDL.Tests.TestSupport;

namespace MiniDL.Tests.Autograd.Nodes;

[TestFixture]
public class AddBiasActivationTests
{
    private static readonly Activation[] Kinds = [Activation.Sigmoid, Activation.Tanh, Activation.Relu, Activation.LeakyRelu, Activation.Elu, Activation.Identity];

    [TestCaseSource(typeof(TestBackends), nameof(TestBackends.Float64))]
    public void Backward_RandomShapesEveryActivation_MatchesCentralDifferences(string backendName)
    {
        var backend = TestBackends.Get(backendName);

        // X at least 0.1 from 0 and |B| ≤ 0.05: X + B stays 0.05 away from the kink of ReLU, Leaky ReLU and ELU.
        var gen = from n in Generators.Dimension
                  from m in Generators.Dimension
                  from x in Generators.Matrix(n, m, Generators.AwayFromZero(-2, 2, 0.1))
                  from b in Generators.Matrix(1, m, Generators.Value(-0.05, 0.05))
                  select new[] { x, b };
        foreach (var kind in Kinds)
        {
            double parameter = kind == Activation.Elu ? 0.7 : kind.DefaultParameter();
            NodeGradients.Check($"add_bias_activation({kind})", backend, gen, v => AddBiasActivation.Forward(v[0], v[1], kind, parameter), cases: 30);
        }
    }

    [TestCaseSource(typeof(TestBackends), nameof(TestBackends.Float64))]
    public void Forward_EveryActivation_EqualsAddBiasThenActivation(string backendName)
    {
        var backend = TestBackends.Get(backendName);
        var rng = new Random(3);
        foreach (var kind in Kinds)
        {
            var xValues = Enumerable.Range(0, 12).Select(_ => (rng.NextDouble() * 4) - 2).ToArray();
            var bValues = Enumerable.Range(0, 3).Select(_ => (rng.NextDouble() * 2) - 1).ToArray();
            var seed = Enumerable.Range(0, 12).Select(_ => (rng.NextDouble() * 2) - 1).ToArray();

            var x1 = Node.Leaf(Tensor.FromArray(xValues, 4, 3, backend));
            var b1 = Node.Leaf(Tensor.FromArray(bValues, 1, 3, backend));
            var fused = AddBiasActivation.Forward(x1, b1, kind);
            fused.Backward(Tensor.FromArray(seed, 4, 3, backend));

            var x2 = Node.Leaf(Tensor.FromArray(xValues, 4, 3, backend));
            var b2 = Node.Leaf(Tensor.FromArray(bValues, 1, 3, backend));
            var separate = Unfused(kind, AddBias.Forward(x2, b2));
            separate.Backward(Tensor.FromArray(seed, 4, 3, backend));

            Assert.That(fused.Value.ToArray(), Is.EqualTo(separate.Value.ToArray()).Within(1e-12), $"{kind}: Y");
            Assert.That(x1.Grad!.ToArray(), Is.EqualTo(x2.Grad!.ToArray()).Within(1e-12), $"{kind}: ∇X");
            Assert.That(b1.Grad!.ToArray(), Is.EqualTo(b2.Grad!.ToArray()).Within(1e-12), $"{kind}: ∇B");
        }
    }

    [Test]
    public void Backward_ReluOneRow_GradientOnlyWhereActive()
    {
        // z = x + b = [-1, 2]: y = [0, 2]; ∇Z = ∇Y ⊙ [y > 0] = [0, 5]; ∇B = Σ_rows ∇Z.
        var x = NodeGradients.Leaf(1, 2, -1.5, 1.5);
        var b = NodeGradients.Leaf(1, 2, 0.5, 0.5);
        var y = AddBiasActivation.Forward(x, b, Activation.Relu);
        Assert.That(y.Value.ToArray(), Is.EqualTo(new[] { 0.0, 2.0 }));
        y.Backward(Tensor.FromArray([3.0, 5.0], 1, 2));
        Assert.That(x.Grad!.ToArray(), Is.EqualTo(new[] { 0.0, 5.0 }));
        Assert.That(b.Grad!.ToArray(), Is.EqualTo(new[] { 0.0, 5.0 }));
    }

    [Test]
    public void Forward_EluWithZeroAlpha_ThrowsNamingTheNode()
    {
        var ex = Assert.Throws<ArgumentException>(() => AddBiasActivation.Forward(Node.Leaf(Tensor.Zeros(2, 3)), Node.Leaf(Tensor.Zeros(1, 3)), Activation.Elu, 0.0));
        Assert.That(ex!.Message, Does.Contain("add_bias_activation").And.Contain("ELU"));
    }

    /// <summary>The activation node of <paramref name="kind"/> on its own (the unfused graph).</summary>
    private static Node Unfused(Activation kind, Node z) => kind switch
    {
        Activation.Sigmoid => Sigmoid.Forward(z),
        Activation.Tanh => Tanh.Forward(z),
        Activation.Relu => Relu.Forward(z),
        Activation.LeakyRelu => LeakyRelu.Forward(z),
        Activation.Elu => Elu.Forward(z),
        _ => z,
    };
}
