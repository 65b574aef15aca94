using MiniDL.Autograd;
using MiniDL.Autograd.Nodes;
using MiniDL.Initializers;
using MiniDL.Layers;

namespace MiniDL.Tests.Layers;

public class LinearTests
{
    [Test]
    public void Forward_HandValues_IsXWPlusB()
    {
        // X = [[1, 2]], W (2×3) = [[1, 0, −1], [2, 1, 0]], b = [0.5, 0, 1]: X W = [5, 2, −1], + b = [5.5, 2, 0].
        var layer = Linear.FromValues([1, 0, -1, 2, 1, 0], [0.5, 0, 1], 2, 3);
        var y = layer.Forward(Node.Constant(Tensor.FromArray([1.0, 2.0], 1, 2)));
        Assert.That(y.Value.ToArray(), Is.EqualTo(new[] { 5.5, 2.0, 0.0 }));
    }

    [Test]
    public void Backward_SumOfOutputs_GradientsAreXTransposeOnesAndRowCount()
    {
        // J = Σ Y: ∇W = Xᵀ 1 (column sums of X repeated per output), ∇b = n per output.
        var layer = new Linear(2, 2, seed: 3);
        var x = Node.Constant(Tensor.FromArray([1.0, 2.0, 3.0, 4.0, 5.0, 6.0], 3, 2));
        Sum.Forward(layer.Forward(x)).Backward();
        Assert.That(layer.Weight.Grad!.ToArray(), Is.EqualTo(new[] { 9.0, 9.0, 12.0, 12.0 }));
        Assert.That(layer.Bias.Grad!.ToArray(), Is.EqualTo(new[] { 3.0, 3.0 }));
    }

    [Test]
    public void Forward_WrongInputWidth_ThrowsNamingLayerAndBothWidths()
    {
        // A model built for 64 features fed 4: the layer says so, not the matmul node's "inner dimensions".
        var layer = new Linear(64, 8);
        var x = Node.Constant(Tensor.Zeros(32, 4));
        var error = Assert.Throws<ArgumentException>(() => layer.Forward(x))!;
        Assert.That(error.Message, Does.Contain("Linear(64 → 8)").And.Contain("(32, 4) has 4 features per sample").And.Contain("expects 64"));
    }

    [Test]
    public void Constructor_Seeded_WeightsFromInitializerAndZeroBias()
    {
        var layer = new Linear(4, 3, new He(), seed: 9);
        Assert.That(layer.Weight.Value.ToArray(), Is.EqualTo(new He().Sample(4, 3, 9)));
        Assert.That(layer.Bias.Value.ToArray(), Is.All.EqualTo(0.0));
        Assert.That(layer.Parameters().Select(p => p.Name), Is.EqualTo(new[] { "W", "b" }));
        Assert.That((layer.Weight.Regularized, layer.Bias.Regularized), Is.EqualTo((true, false)));
    }

    [Test]
    public void Forward_WithReluActivation_IsReluNodeAfterAddBiasNode()
    {
        // x = [1, −2]: z = x W + b = [1·1 + (−2)·0 + 0.5, 1·(−1) + (−2)·1 − 0.5] = [1.5, −3.5] → ReLU [1.5, 0].
        var layer = new Linear(2, 2, activation: MiniDL.Autograd.Activations.Activation.Relu);
        layer.Weight.Load([1, -1, 0, 1]);
        layer.Bias.Load([0.5, -0.5]);
        var y = layer.Forward(MiniDL.Autograd.Node.Constant(Tensor.FromArray([1.0, -2.0], 1, 2)));
        Assert.That(y.Value.ToArray(), Is.EqualTo(new[] { 1.5, 0.0 }));
        Assert.That((y.Op, y.Inputs[0].Op), Is.EqualTo(("relu", "add_bias")));
        Assert.That(layer.ToString(), Is.EqualTo("Linear(2 → 2, Relu)"));
    }
}
