using MiniDL.Autograd;
using MiniDL.Autograd.Activations;
using MiniDL.Autograd.Nodes;
using MiniDL.Layers;

namespace MiniDL.Tests.Layers;

public class ResidualTests
{
    [Test]
    public void Forward_LinearInside_IsXPlusFx()
    {
        // F(x) = x W + b with W = [[1, 2], [3, 4]], b = [0.5, −0.5]; x = [1, 1]: F = [4.5, 5.5], Y = [5.5, 6.5].
        var layer = new Residual(Linear.FromValues([1, 2, 3, 4], [0.5, -0.5], 2, 2));
        var y = layer.Forward(Node.Constant(Tensor.FromArray([1.0, 1.0], 1, 2)));
        Assert.That(y.Value.ToArray(), Is.EqualTo(new[] { 5.5, 6.5 }));
        Assert.That(layer.Parameters().Count(), Is.EqualTo(2));
    }

    [Test]
    public void Backward_CopyRulePlusAddRule_GradientIsUpstreamPlusThroughF()
    {
        // Y = X + X W; X feeds the add node directly and through the matmul (copy rule: the two gradients add),
        // the add node passes ∇Y to both branches: ∇X = ∇Y + ∇Y Wᵀ. With ∇Y = ones: [1, 1] + [1+2, 3+4] = [4, 8].
        var x = Node.Leaf(Tensor.FromArray([0.3, -0.7], 1, 2));
        var w = Node.Constant(Tensor.FromArray([1.0, 2.0, 3.0, 4.0], 2, 2));
        var y = Residual.Forward(x, v => MatMul.Forward(v, w));
        Sum.Forward(y).Backward();
        Assert.That(x.Grad!.ToArray(), Is.EqualTo(new[] { 4.0, 8.0 }).Within(1e-15));
    }

    [Test]
    public void Backward_SaturatedInside_GradientStillReachesTheInput()
    {
        // Day 01's vanishing gradient: tanh(100 x) has derivative ≈ 0 at x = 1; the skip keeps ∇X ≈ ∇Y = 1.
        var x = Node.Leaf(Tensor.FromArray([1.0], 1, 1));
        Sum.Forward(Residual.Forward(x, v => Tanh.Forward(MultiplyConstant.Forward(v, 100)))).Backward();
        Assert.That(x.Grad!.ToArray()[0], Is.EqualTo(1.0).Within(1e-12));
    }

    [Test]
    public void Forward_WidthChanges_Throws()
    {
        var layer = new Residual(Linear.FromValues([1, 2, 3, 4, 5, 6], [0, 0, 0], 2, 3));
        Assert.Throws<ArgumentException>(() => layer.Forward(Node.Constant(Tensor.FromArray([1.0, 1.0], 1, 2))));
    }
}
