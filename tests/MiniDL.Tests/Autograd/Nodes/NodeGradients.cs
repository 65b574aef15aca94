namespace MiniDL.Tests.Autograd.Nodes;

/// <summary>Shared pieces of the node tests: the gradient property on a generator of inputs, and hand-made leaves.</summary>
internal static class NodeGradients
{
    /// <summary>The gradient property (<see cref="GraphCase.CheckGradients(IBackend, int)"/>) of <paramref name="function"/> on inputs drawn from <paramref name="gen"/>.</summary>
    public static void Check(string node, IBackend backend, Gen<MatrixCase[]> gen, Func<Node[], Node> function, int cases = 100)
        => new GraphCase(node, gen.Select(inputs => new GraphPoint(inputs, function))).CheckGradients(backend, cases);

    /// <summary>A leaf from row-major values, shape rows × columns, on the reference backend.</summary>
    public static Node Leaf(int rows, int columns, params double[] values)
        => Node.Leaf(Tensor.FromArray(values, rows, columns));
}
