using MiniDL.Autograd;
using MiniDL.Layers;

namespace MiniDL.Tests.Layers;

public class MaxoutLayerTests
{
    [Test]
    public void Forward_TwoPieces_ElementwiseMaxOfLinearPieces()
    {
        var layer = new MaxoutLayer(2, 2, pieces: 2);
        // Piece 1: W1 = [[1, 0], [0, 1]], b1 = [0, 0]; piece 2: W2 = [[−1, 0], [0, −1]], b2 = [0, 1].
        layer.Weights[0].Load([1, 0, 0, 1]);
        layer.Weights[1].Load([-1, 0, 0, -1]);
        layer.Biases[1].Load([0, 1]);
        // x = [2, −3]: piece 1 = [2, −3], piece 2 = [−2, 4] → max = [2, 4] (|x|-like, Day 01's Maxout).
        var y = layer.Forward(Node.Constant(Tensor.FromArray([2.0, -3.0], 1, 2)));
        Assert.That(y.Value.ToArray(), Is.EqualTo(new[] { 2.0, 4.0 }));
    }

    [Test]
    public void Forward_WrongInputWidth_ThrowsNamingLayerAndBothWidths()
    {
        var error = Assert.Throws<ArgumentException>(() => new MaxoutLayer(3, 2).Forward(Node.Constant(Tensor.Zeros(5, 4))))!;
        Assert.That(error.Message, Does.Contain("Maxout(3 → 2, k = 2)").And.Contain("(5, 4) has 4 features per sample").And.Contain("expects 3"));
    }

    [Test]
    public void Parameters_ThreePieces_NamedPerPiece()
        => Assert.That(new MaxoutLayer(3, 2, pieces: 3).Parameters().Select(p => p.Name), Is.EqualTo(new[] { "W1", "b1", "W2", "b2", "W3", "b3" }));
}
