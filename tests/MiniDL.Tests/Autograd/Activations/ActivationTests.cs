using Dispatch = MiniDL.Autograd.Activations.ActivationFunctions;

namespace MiniDL.Tests.Autograd.Activations;

public class ActivationTests
{
    private static readonly Activation[] Kinds = Enum.GetValues<Activation>();

    [Test]
    public void Apply_EveryKind_EqualsBackendMapOfItsUnaryOp()
    {
        var gen = from x in Generators.AnyMatrix(Generators.Value(-3, 3))
                  from kind in Gen.Elements(Kinds)
                  from p in Generators.Value(0, 1)
                  select (x, kind, p);
        Properties.Check("activation dispatch", gen, c =>
        {
            var backend = ReferenceBackend.Instance;
            var y = Dispatch.Apply(c.kind, Node.Leaf(c.x.ToTensor(backend)), c.p).Value.ToArray();
            var expected = c.x.Values.Select(v => ReferenceBackend.Apply(c.kind.ToUnaryOp(), v, c.p)).ToArray();
            Assert.That(y, Is.EqualTo(expected).Within(1e-15), $"{c.kind}(p={c.p}) at X={c.x}");
        });
    }

    [TestCase(Activation.Sigmoid, "sigmoid")]
    [TestCase(Activation.Tanh, "tanh")]
    [TestCase(Activation.Relu, "relu")]
    [TestCase(Activation.LeakyRelu, "leaky_relu")]
    [TestCase(Activation.Elu, "elu")]
    public void Apply_Kind_BuildsThatNode(Activation kind, string op)
    {
        var x = Node.Leaf(Tensor.FromRows([[1, -1]]));
        Assert.That(Dispatch.Apply(kind, x).Op, Is.EqualTo(op));
    }

    [Test]
    public void Apply_Identity_ReturnsTheInputNode()
    {
        var x = Node.Leaf(Tensor.FromRows([[1, -1]]));
        Assert.That(Dispatch.Apply(Activation.Identity, x, 0), Is.SameAs(x));
    }

    [Test]
    public void Apply_WithoutParameter_UsesLectureDefaults()
    {
        var x = Node.Leaf(Tensor.FromRows([[-2]]));
        Assert.That(Dispatch.Apply(Activation.LeakyRelu, x).Value.Item(), Is.EqualTo(-0.2).Within(1e-15), "γ = 0.1");
        Assert.That(Dispatch.Apply(Activation.Elu, x).Value.Item(), Is.EqualTo(Math.Exp(-2) - 1).Within(1e-15), "α = 1");
    }

    [TestCase(Activation.Sigmoid, UnaryOp.Sigmoid)]
    [TestCase(Activation.Tanh, UnaryOp.Tanh)]
    [TestCase(Activation.Relu, UnaryOp.Relu)]
    [TestCase(Activation.LeakyRelu, UnaryOp.LeakyRelu)]
    [TestCase(Activation.Elu, UnaryOp.Elu)]
    [TestCase(Activation.Identity, UnaryOp.Identity)]
    public void ToUnaryOp_Kind_IsBackendOp(Activation kind, UnaryOp op)
        => Assert.That(kind.ToUnaryOp(), Is.EqualTo(op));

    [Test]
    public void Apply_UnknownKind_ThrowsNamingShape()
    {
        var ex = Assert.Throws<ArgumentException>(() => Dispatch.Apply((Activation)99, Node.Leaf(Tensor.Zeros(2, 3)), 0));
        Assert.That(ex!.Message, Does.Contain("activation").And.Contain("(2, 3)"));
    }
}
