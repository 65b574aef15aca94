using MiniDL.Autograd;
using MiniDL.Autograd.Activations;
using MiniDL.Autograd.Nodes;
using MiniDL.DeltaRule;
using MiniDL.Layers;
using MiniDL.Optimizers;

namespace MiniDL.Tests.DeltaRule;

public class DeltaRuleNetworkTests
{
    [Test]
    public void TrainSample_FourSteps_EqualsGraphBackpropPlusSgdOnHalfSquaredError()
    {
        // A 2-3-2 sigmoid network. Graph version: Linear → Sigmoid → Linear → Sigmoid, J = 0.5 · Σ (ŷ − y)²,
        // backward, then SGD with η = α. Both must hold the same weights after every sample, to 1e-12.
        const double alpha = 0.5;
        var delta = new DeltaRuleNetwork([2, 3, 2], seed: 17);
        var fc1 = Linear.FromValues(delta.Weights[0], delta.Biases[0], 2, 3);
        var fc2 = Linear.FromValues(delta.Weights[1], delta.Biases[1], 3, 2);
        var graph = new Sequential(fc1, new ActivationLayer(Activation.Sigmoid), fc2, new ActivationLayer(Activation.Sigmoid));
        var sgd = new Sgd(graph.Parameters(), alpha);
        double[][] xs = [[0.5, -1.0], [1.5, 0.2], [-0.3, 0.8], [0.0, 1.0]];
        double[][] ys = [[1, 0], [0, 1], [1, 1], [0, 0]];
        for (int s = 0; s < xs.Length; s++)
        {
            double deltaLoss = delta.TrainSample(xs[s], ys[s], alpha);

            var yHat = graph.Forward(Node.Constant(Tensor.FromArray(xs[s], 1, 2)));
            var diff = Subtract.Forward(yHat, Node.Constant(Tensor.FromArray(ys[s], 1, 2)));
            var j = MultiplyConstant.Forward(Sum.Forward(Square.Forward(diff)), 0.5);
            Assert.That(deltaLoss, Is.EqualTo(j.Value.Item()).Within(1e-12), $"loss, sample {s}");
            sgd.ZeroGrad();
            j.Backward();
            sgd.Step();
            j.ReleaseGraph();

            Assert.That(delta.Weights[0], Is.EqualTo(fc1.Weight.Value.ToArray()).Within(1e-12), $"W1 after sample {s}");
            Assert.That(delta.Biases[0], Is.EqualTo(fc1.Bias.Value.ToArray()).Within(1e-12), $"b1 after sample {s}");
            Assert.That(delta.Weights[1], Is.EqualTo(fc2.Weight.Value.ToArray()).Within(1e-12), $"W2 after sample {s}");
            Assert.That(delta.Biases[1], Is.EqualTo(fc2.Bias.Value.ToArray()).Within(1e-12), $"b2 after sample {s}");
        }
    }

    [Test]
    public void TrainSample_OneNeuron_HandValues()
    {
        // One sigmoid unit, w = 0, b = 0, x = [1], y = [1], α = 1: ŷ = 0.5, e = −0.5, δ = 0.5·0.5·(−0.5) = −0.125,
        // Δw = 1·(−0.125), w = 0 − 1·(−0.125) = 0.125, b = 0.125.
        var net = new DeltaRuleNetwork([1, 1], [[0.0]], [[0.0]]);
        double loss = net.TrainSample([1.0], [1.0], 1.0);
        Assert.That(loss, Is.EqualTo(0.125));
        Assert.That((net.Weights[0][0], net.Biases[0][0]), Is.EqualTo((0.125, 0.125)));
    }

    [Test]
    public void Train_Xor_LossDecreasesAndOutputsRounded()
    {
        var net = new DeltaRuleNetwork([2, 4, 1], seed: 3);
        var losses = net.Train([0, 0, 0, 1, 1, 0, 1, 1], [0, 1, 1, 0], epochs: 3000, alpha: 2.0);
        Assert.That(losses[^1], Is.LessThan(losses[0] / 10));
        double[][] xs = [[0, 0], [0, 1], [1, 0], [1, 1]];
        Assert.That(xs.Select(x => net.Forward(x)[0] >= 0.5 ? 1 : 0), Is.EqualTo(new[] { 0, 1, 1, 0 }));
    }

    [Test]
    public void Backpropagate_TwoThreeTwo_DeltasAndWeightGradientsEqualGraphGradients()
    {
        // δ_k = ∂J/∂b_k and Δw_kj = a_j δ_k = ∂J/∂w_kj, against Node.Backward on the same network, J = ½‖ŷ − y‖².
        var delta = new DeltaRuleNetwork([2, 3, 2], seed: 5);
        var fc1 = Linear.FromValues(delta.Weights[0], delta.Biases[0], 2, 3);
        var fc2 = Linear.FromValues(delta.Weights[1], delta.Biases[1], 3, 2);
        var graph = new Sequential(fc1, new ActivationLayer(Activation.Sigmoid), fc2, new ActivationLayer(Activation.Sigmoid));
        double[] x = [0.7, -1.2], y = [1, 0];
        var before = delta.Weights.Select(w => (double[])w.Clone()).ToArray();

        double loss = delta.Backpropagate(x, y);
        var yHat = graph.Forward(Node.Constant(Tensor.FromArray(x, 1, 2)));
        var j = MultiplyConstant.Forward(Sum.Forward(Square.Forward(Subtract.Forward(yHat, Node.Constant(Tensor.FromArray(y, 1, 2))))), 0.5);
        j.Backward();

        Assert.Multiple(() =>
        {
            Assert.That(loss, Is.EqualTo(j.Value.Item()).Within(1e-12));
            Assert.That(delta.Deltas[0], Is.EqualTo(fc1.Bias.Grad!.ToArray()).Within(1e-12), "hidden δ");
            Assert.That(delta.Deltas[1], Is.EqualTo(fc2.Bias.Grad!.ToArray()).Within(1e-12), "output δ");
            Assert.That(delta.WeightGradient(1), Is.EqualTo(fc1.Weight.Grad!.ToArray()).Within(1e-12), "∂J/∂W1");
            Assert.That(delta.WeightGradient(2), Is.EqualTo(fc2.Weight.Grad!.ToArray()).Within(1e-12), "∂J/∂W2");
            Assert.That(delta.Weights, Is.EqualTo(before), "Backpropagate does not update");
        });
    }

    [Test]
    public void Backpropagate_OneNeuron_HandValues()
    {
        // w = 0, b = 0, x = [2], y = [1]: ŷ = 0.5, e = −0.5, δ = 0.25·(−0.5) = −0.125, ∂J/∂w = a_j δ = 2·(−0.125) = −0.25.
        var net = new DeltaRuleNetwork([1, 1], [[0.0]], [[0.0]]);
        double loss = net.Backpropagate([2.0], [1.0]);
        Assert.That((loss, net.Deltas[0][0], net.WeightGradient(1)[0]), Is.EqualTo((0.125, -0.125, -0.25)));
    }

    [Test]
    public void Train_XorWithTargetAccuracy_StopsAtTheFirstEpochThatReachesIt()
    {
        double[] inputs = [0, 0, 0, 1, 1, 0, 1, 1], targets = [0, 1, 1, 0];
        var full = new DeltaRuleNetwork([2, 4, 1], seed: 3);
        var fullLosses = full.Train(inputs, targets, epochs: 3000, alpha: 2.0);
        var net = new DeltaRuleNetwork([2, 4, 1], seed: 3);
        var losses = net.Train(inputs, targets, epochs: 3000, alpha: 2.0, targetAccuracy: 1.0);

        Assert.That(losses, Has.Length.LessThan(3000));
        Assert.That(net.Accuracy(inputs, targets), Is.EqualTo(1.0));
        Assert.That(losses, Is.EqualTo(fullLosses.Take(losses.Length)), "the same epochs, then a stop");
        var probe = new DeltaRuleNetwork([2, 4, 1], seed: 3);
        var shorter = probe.Train(inputs, targets, epochs: losses.Length - 1, alpha: 2.0);
        Assert.That(probe.Accuracy(inputs, targets), Is.LessThan(1.0), "one epoch fewer does not reach it");
        Assert.That(shorter, Has.Length.EqualTo(losses.Length - 1));
    }

    [Test]
    public void Accuracy_SeveralOutputs_ComparesLargestUnits()
    {
        // One output unit per class; with all weights 0 and biases (0, 1) every ŷ picks unit 2.
        var net = new DeltaRuleNetwork([1, 2], [[0.0, 0.0]], [[0.0, 1.0]]);
        Assert.That(net.Accuracy([1, 2, 3], [0, 1, 1, 0, 0, 1]), Is.EqualTo(2.0 / 3).Within(1e-15));
    }
}
