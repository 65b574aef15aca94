namespace MiniDL.Tests.Autograd.Nodes;

/// <summary>
/// The tests every element-wise binary node shares: the gradient property on random shapes, the forward values of a
/// 2×2 pair X₁ = [[1, 2], [3, 4]] and <paramref name="x2"/> against <paramref name="expected"/>, and the error naming
/// both shapes when they differ (<paramref name="shape1"/> and <paramref name="shape2"/>).
/// </summary>
public abstract class BinaryNodeTests(GraphCase graph, Func<Node, Node, Node> forward, double[] x2, double[] expected, (int Rows, int Columns) shape1, (int Rows, int Columns) shape2)
{
    [TestCaseSource(typeof(TestBackends), nameof(TestBackends.Float64))]
    public void Backward_RandomShapes_MatchesCentralDifferences(string backendName) => graph.CheckGradients(backendName);

    [Test]
    public void Forward_TwoByTwo_IsElementWise()
    {
        var y = forward(Leaf(2, 2, 1, 2, 3, 4), Leaf(2, 2, x2));
        Assert.That(y.Value.ToArray(), Is.EqualTo(expected), $"{graph.Name} of [1, 2, 3, 4] and [{string.Join(", ", x2)}]");
    }

    [Test]
    public void Forward_ShapesDiffer_ThrowsNamingBothShapes()
    {
        var ex = Assert.Throws<ArgumentException>(() => forward(Node.Leaf(Tensor.Zeros(shape1.Rows, shape1.Columns)), Node.Leaf(Tensor.Zeros(shape2.Rows, shape2.Columns))));
        Assert.That(ex!.Message, Does.Contain(graph.Name).And.Contain($"({shape1.Rows}, {shape1.Columns})").And.Contain($"({shape2.Rows}, {shape2.Columns})"));
    }

    /// <summary>A leaf from row-major values, shape rows × columns, on the reference backend.</summary>
    protected static Node Leaf(int rows, int columns, params double[] values) => NodeGradients.Leaf(rows, columns, values);
}
