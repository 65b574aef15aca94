using MiniDL.Autograd;
using MiniDL.Backends;
using MiniDL.Data;
using MiniDL.Regularization;

namespace MiniDL.Tests.Regularization;

public class ClassWeightingTests
{
    [Test]
    public void Loss_ImbalancedLabels_WeightsRareClassMore()
    {
        // Labels [0, 0, 0, 1]: weights 1 − 3/4 = 0.25 and 1 − 1/4 = 0.75. Logits all 0 for 2 classes → Lᵢ = ln 2 for every
        // sample, so the weighted mean is ln 2; with logits favouring class 0, the class-1 sample dominates.
        var data = new Dataset("imbalanced", [0, 0, 0, 0], 1, [0, 0, 0, 1], ["a", "b"]);
        var loss = ClassWeighting.Loss(data, ReferenceBackend.Instance);
        var targets = Node.Constant(Tensor.FromArray([1.0, 0, 1, 0, 1, 0, 0, 1], 4, 2));
        var even = loss(Node.Leaf(Tensor.Zeros(4, 2)), targets);
        Assert.That(even.Value.Item(), Is.EqualTo(Math.Log(2)).Within(1e-12));
        // Logits [1, 0] for every sample: L₀ = ln(1 + e⁻¹) = 0.31326, L₁ = ln(1 + e) = 1.31326;
        // weighted mean = (3·0.25·0.31326 + 0.75·1.31326) / (3·0.25 + 0.75) = 0.81326.
        var skewed = loss(Node.Leaf(Tensor.FromArray([1.0, 0, 1, 0, 1, 0, 1, 0], 4, 2)), targets);
        double l0 = Math.Log(1 + Math.Exp(-1)), l1 = Math.Log(1 + Math.E);
        Assert.That(skewed.Value.Item(), Is.EqualTo(((0.75 * l0) + (0.75 * l1)) / 1.5).Within(1e-12));
    }

    [Test]
    public void Loss_RegressionSet_Throws()
        => Assert.Throws<ArgumentException>(() => ClassWeighting.Loss(Datasets.HousePrices(), ReferenceBackend.Instance));
}
