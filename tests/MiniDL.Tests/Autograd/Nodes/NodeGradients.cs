namespace MiniDL.Tests.Autograd.Nodes;

/// <summary>Shared pieces of the node tests: the gradient property on a generator of inputs, and hand-made leaves.</summary>
internal static class NodeGradients
{
    /// <summary>The gradient property (<see cref="GraphCase.CheckGradients(IBackend, int)"/>) of <paramref name="function"/> on inputs drawn from <paramref name="gen"/>.</summary>
    public static void Check(string node, IBackend backend, Gen<MatrixCase[]> gen, Func<Node[], Node> function, int cases = 100)
        => new GraphCase(node, gen.Select(inputs => new GraphPoint(inputs, function))).CheckGradients(backend, cases);

    /// <summary>
    /// A reduction to one number on random matrices: Y is 1×1, its value is <paramref name="value"/> of X's elements
    /// (within 1e-12) and every element of ∇X is <paramref name="gradient"/>(element count).
    /// </summary>
    public static void CheckReduction(string backendName, string node, Func<Node, Node> forward, Func<double[], double> value, Func<int, double> gradient, double gradientTolerance)
    {
        var backend = TestBackends.Get(backendName);
        Properties.Check($"{node} value and gradient", Generators.AnyMatrix(), x =>
        {
            var leaf = Node.Leaf(x.ToTensor(backend));
            var y = forward(leaf);
            Assert.That((y.Rows, y.Columns), Is.EqualTo((1, 1)), $"{node} of X={x} is 1×1");
            Assert.That(y.Value.Item(), Is.EqualTo(value(x.Values)).Within(1e-12), $"{node} value at X={x}");
            y.Backward();
            Assert.That(leaf.Grad!.ToArray(), Is.All.EqualTo(gradient(x.Values.Length)).Within(gradientTolerance), $"∂{node}/∂X at X={x}");
        });
    }

    /// <summary>A leaf from row-major values, shape rows × columns, on the reference backend.</summary>
    public static Node Leaf(int rows, int columns, params double[] values)
        => Node.Leaf(Tensor.FromArray(values, rows, columns));
}
