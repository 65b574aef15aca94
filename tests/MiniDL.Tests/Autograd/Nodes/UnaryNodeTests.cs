namespace MiniDL.Tests.Autograd.Nodes;

/// <summary>
/// The tests every element-wise unary node shares: the gradient property on random shapes, the forward values against
/// the formula at known inputs, the derivative at one scalar, and lecture 7's copy rule (two uses add their
/// gradients). Each node's test class passes its case, its forward, the formula and a point where the derivative is
/// known by hand.
/// </summary>
public abstract class UnaryNodeTests(GraphCase graph, Func<Node, Node> forward, Func<double, double> formula, double[] knownInputs, double x, double derivative)
{
    [TestCaseSource(typeof(TestBackends), nameof(TestBackends.Float64))]
    public void Backward_RandomShapes_MatchesCentralDifferences(string backendName) => graph.CheckGradients(backendName);

    [Test]
    public void Forward_KnownValues_MatchesFormula()
    {
        var y = forward(Node.Leaf(Tensor.FromArray(knownInputs, 1, knownInputs.Length)));
        Assert.That(y.Value.ToArray(), Is.EqualTo(knownInputs.Select(formula).ToArray()).Within(1e-12), $"{graph.Name} forward at [{string.Join(", ", knownInputs)}]");
        Assert.That(y.Op, Is.EqualTo(graph.Name));
    }

    [Test]
    public void Backward_ScalarInput_GivesTheDerivative()
    {
        var leaf = Node.Leaf(Tensor.Scalar(x));
        forward(leaf).Backward();
        Assert.That(leaf.Grad!.Item(), Is.EqualTo(derivative).Within(1e-12), $"{graph.Name} derivative at x = {x}");
    }

    [Test]
    public void Backward_UsedTwice_AccumulatesBothGradients()
    {
        // Two uses of the same node: the gradients add (lecture 7's copy rule), they do not overwrite.
        var leaf = Node.Leaf(Tensor.Scalar(x));
        Add.Forward(forward(leaf), forward(leaf)).Backward();
        Assert.That(leaf.Grad!.Item(), Is.EqualTo(2 * derivative).Within(1e-12), $"{graph.Name} used twice at x = {x}");
    }
}
