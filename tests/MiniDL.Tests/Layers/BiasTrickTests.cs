using MiniDL.Autograd;
using MiniDL.Autograd.Nodes;
using MiniDL.Layers;

namespace MiniDL.Tests.Layers;

public class BiasTrickTests
{
    [Test]
    public void Forward_FoldedBias_EqualsXWPlusBInValuesAndGradients()
    {
        double[] xs = [0.5, -1.0, 2.0, 1.5, 0.25, -0.75];       // 2 samples × 3 features
        double[] ws = [0.1, -0.2, 0.3, 0.4, -0.5, 0.6];         // 3 × 2
        double[] bs = [0.7, -0.8];
        var x = Tensor.FromArray(xs, 2, 3);
        var w = Node.Leaf(Tensor.FromArray(ws, 3, 2));
        var b = Node.Leaf(Tensor.FromArray(bs, 1, 2));
        var before = AddBias.Forward(MatMul.Forward(Node.Constant(x), w), b);        // X W + b
        var wb = Node.Leaf(BiasTrick.Fold(w.Value, b.Value));
        var after = BiasTrick.Forward(Node.Constant(BiasTrick.AppendOne(x)), wb);   // [X, 1] · [W; b]
        var weights = Node.Constant(Tensor.FromArray([1.0, -2.0, 3.0, 0.5], 2, 2)); // a non-uniform upstream gradient
        Sum.Forward(Multiply.Forward(before, weights)).Backward();
        Sum.Forward(Multiply.Forward(after, weights)).Backward();

        Assert.Multiple(() =>
        {
            Assert.That(BiasTrick.AppendOne(x).ToArray(), Is.EqualTo(new[] { 0.5, -1.0, 2.0, 1.0, 1.5, 0.25, -0.75, 1.0 }));
            Assert.That(after.Value.ToArray(), Is.EqualTo(before.Value.ToArray()).Within(1e-15));
            Assert.That(wb.Grad!.ToArray(), Is.EqualTo(w.Grad!.ToArray().Concat(b.Grad!.ToArray())).Within(1e-15), "∇[W; b] = [∇W; ∇b]");
        });
    }

    [Test]
    public void Fold_BiasOfWrongWidth_Throws()
    {
        Assert.Throws<ArgumentException>(() => BiasTrick.Fold(Tensor.FromArray([1.0, 2.0], 1, 2), Tensor.FromArray([1.0], 1, 1)));
    }
}
