namespace MiniDL.Tests.Autograd.Nodes;

public class TransposeTests
{
    [TestCaseSource(typeof(TestBackends), nameof(TestBackends.Float64))]
    public void Backward_RandomShapes_MatchesCentralDifferences(string backendName) => GraphCases.Transpose.CheckGradients(backendName);

    [Test]
    public void Forward_TwoByThree_GivesThreeByTwo()
    {
        var y = Transpose.Forward(NodeGradients.Leaf(2, 3, 1, 2, 3, 4, 5, 6));
        Assert.That((y.Rows, y.Columns), Is.EqualTo((3, 2)));
        Assert.That(y.Value.ToArray(), Is.EqualTo(new double[] { 1, 4, 2, 5, 3, 6 }));
    }

    [TestCaseSource(typeof(TestBackends), nameof(TestBackends.Float64))]
    public void TransposeTwice_RandomMatrix_IsIdentity(string backendName)
    {
        var backend = TestBackends.Get(backendName);
        Properties.Check("transpose twice", Generators.AnyMatrix(), x =>
        {
            var leaf = Node.Leaf(x.ToTensor(backend));
            var y = Transpose.Forward(Transpose.Forward(leaf));
            Assert.That((y.Rows, y.Columns), Is.EqualTo((x.Rows, x.Columns)), $"transpose twice: shape of X={x}");
            Assert.That(y.Value.ToArray(), Is.EqualTo(x.Values), $"transpose twice: values of X={x}");
            Sum.Forward(y).Backward();
            Assert.That(leaf.Grad!.ToArray(), Is.All.EqualTo(1.0), $"transpose twice: gradient of Σ(Xᵀ)ᵀ at X={x}");
        });
    }

    [Test]
    public void Backward_ThreeByTwoGradient_IsTransposedBack()
    {
        // Lecture 7: ∇X = (∇Y)ᵀ.
        var x = NodeGradients.Leaf(2, 3, 0, 0, 0, 0, 0, 0);
        Transpose.Forward(x).Backward(Tensor.FromArray([1.0, 2, 3, 4, 5, 6], 3, 2));
        Assert.That(x.Grad!.ToArray(), Is.EqualTo(new double[] { 1, 3, 5, 2, 4, 6 }));
    }
}
