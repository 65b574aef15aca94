using MiniDL.GradCheck;

namespace MiniDL.Tests.Docs;

/// <summary>
/// The node of docs/architecture.md, "Writing a node of your own", compiled and checked: the page shows this class
/// as a lab would write it, and these tests keep the page honest (gradient against central differences, the copy rule).
/// </summary>
public static class Cube
{
    /// <summary><c>Y = X ⊙ X ⊙ X</c>, element-wise.</summary>
    public static Node Forward(Node x)
    {
        return Node.Create("cube", Tensor.ZerosLike(x.Value), [x],
            y =>
            {
                var b = x.Backend;
                b.Zip(BinaryOp.Multiply, x.Value.Storage, x.Value.Storage, y.Value.Storage); // Y = X ⊙ X
                b.Zip(BinaryOp.Multiply, y.Value.Storage, x.Value.Storage, y.Value.Storage); // Y = Y ⊙ X
            },
            y => Backward(x, y));
    }

    /// <summary><c>d x³/dx = 3x²</c>, so <c>∇X += ∇Y ⊙ 3X²</c> (<c>+=</c>: the copy rule).</summary>
    private static void Backward(Node x, Node y)
    {
        if (!x.RequiresGrad)
        {
            return;
        }

        var b = y.Backend;
        var local = y.Saved("3x²", x.Rows, x.Columns);                               // a tensor kept by the node
        b.Zip(BinaryOp.Multiply, x.Value.Storage, x.Value.Storage, local.Storage);   // X ⊙ X
        b.Scale(3.0, local.Storage);                                                 // 3X²
        b.Zip(BinaryOp.Multiply, y.Grad!.Storage, local.Storage, local.Storage);     // ∇Y ⊙ 3X²
        b.Axpy(1.0, local.Storage, x.GradOrZeros.Storage);                           // ∇X += …
    }
}

[TestFixture]
public class CustomNodeExampleTests
{
    private static Tensor Point() => Tensor.FromRows([[0.7, -1.3, 0.4], [1.1, -0.2, 0.9]]);

    [TestCaseSource(typeof(TestBackends), nameof(TestBackends.Float64))]
    public void Cube_Gradient_MatchesCentralDifferences(string backendName)
    {
        var backend = TestBackends.Get(backendName);
        var report = GradientChecker.Check("cube", v => Cube.Forward(v[0]), [Point().To(backend)]);
        Assert.That(report.Passed, Is.True, report.ToString());
    }

    [Test]
    public void Cube_UsedTwice_GetsTheSumOfBothGradients()
    {
        var x = Node.Leaf(Point(), "x");
        var y = Sum.Forward(Add.Forward(Cube.Forward(x), Cube.Forward(x)));   // J = Σ (x³ + x³)
        y.Backward();
        var expected = Point().ToArray().Select(v => 2 * 3 * v * v).ToArray();
        Assert.That(x.Grad!.ToArray(), Is.EqualTo(expected).Within(1e-12));
    }

    [Test]
    public void Cube_Forward_IsTheCube()
        => Assert.That(Cube.Forward(Node.Leaf(Point(), "x")).Value.ToArray(), Is.EqualTo(Point().ToArray().Select(v => v * v * v)).Within(1e-15));
}
