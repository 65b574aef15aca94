using MiniDL.Autograd;
using MiniDL.Autograd.Activations;
using MiniDL.Autograd.Nodes;
using MiniDL.DeltaRule;

namespace MiniDL.Cli.Examples;

/// <summary>
/// Lesson 7 "Neural Network", "Learning Process", run on XOR with a 2-4-1 sigmoid network:
/// for one sample it prints every neuron's gradient error <c>δ_k</c> (output layer <c>δ_k = ŷ_k(1 − ŷ_k) e_k</c> with
/// <c>e_k = ŷ_k − y_k</c>; hidden <c>δ_k = a_k(1 − a_k) Σ_i δ_i w_ik</c>) and every <c>∂J/∂w_kj = a_j δ_k</c> of
/// <c>J = ½‖ŷ − y‖²</c>, beside the gradients of the same network built from graph nodes and <see cref="Node.Backward"/>;
/// then it trains with the delta rule until a target accuracy and prints the epochs it took.
/// </summary>
public static class DeltaRuleExample
{
    private static readonly double[] Inputs = [0, 0, 0, 1, 1, 0, 1, 1];
    private static readonly double[] Targets = [0, 1, 1, 0];

    /// <summary>Compares one sample's delta-rule gradients with the graph's, then trains to 100% accuracy.</summary>
    /// <param name="context">Backend (of the graph) and output folder.</param>
    /// <returns>The result: passed when the gradients agree and the target accuracy is reached.</returns>
    public static ExampleResult Run(ExampleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var result = new ExampleResult("delta-rule", "the delta rule's δ and ∂J/∂w equal graph backpropagation; training reaches 100% on XOR");
        var backend = context.Backend;
        double tolerance = backend.DType == DType.Float64 ? 1e-12 : 1e-5;
        const int seed = 3;
        const double alpha = 2.0, target = 1.0;
        const int maxEpochs = 5000;
        int[] sizes = [2, 4, 1];
        var net = new DeltaRuleNetwork(sizes, seed);

        // The same network from graph nodes: z1 = x W1 + b1, a1 = σ(z1), z2 = a1 W2 + b2, ŷ = σ(z2), J = ½ Σ (ŷ − y)².
        var fc1 = Linear.FromValues(net.Weights[0], net.Biases[0], 2, 4, backend);
        var fc2 = Linear.FromValues(net.Weights[1], net.Biases[1], 4, 1, backend);
        var graph = new Sequential(fc1, new ActivationLayer(Activation.Sigmoid, backend: backend), fc2, new ActivationLayer(Activation.Sigmoid, backend: backend));
        double[] x = [1, 1], y = [0];
        double loss = net.Backpropagate(x, y);
        var yHat = graph.Forward(Node.Constant(Tensor.FromArray(x, 1, 2, backend)));
        var j = MultiplyConstant.Forward(Sum.Forward(Square.Forward(Subtract.Forward(yHat, Node.Constant(Tensor.FromArray(y, 1, 1, backend))))), 0.5);
        j.Backward();

        result.Line($"network 2-4-1, sigmoid units, seed {seed}; one sample x = (1, 1), y = 0; J = ½‖ŷ − y‖² = {loss:F6} (graph {j.Value.Item():F6})");
        double worst = Math.Abs(loss - j.Value.Item());
        var output = net.Forward(x);
        for (int k = 0; k < output.Length; k++)
        {
            result.Line($"output neuron {k + 1}: ŷ = {output[k]:F6}, e = ŷ − y = {output[k] - y[k]:F6}");
        }

        var layers = new[] { fc1, fc2 };
        for (int l = sizes.Length - 1; l >= 1; l--)
        {
            var fc = layers[l - 1];
            double[] graphB = fc.Bias.Grad!.ToArray(), graphW = fc.Weight.Grad!.ToArray();
            double[] delta = net.Deltas[l - 1], dw = net.WeightGradient(l);
            string name = l == sizes.Length - 1 ? "output" : "hidden";
            result.Line($"layer {l} ({name}): δ_k = {(l == sizes.Length - 1 ? "ŷ_k(1 − ŷ_k) e_k, e_k = ŷ_k − y_k" : "a_k(1 − a_k) Σ_i δ_i w_ik")}; graph: ∂J/∂b_k");
            for (int k = 0; k < delta.Length; k++)
            {
                result.Line($"  neuron {k + 1}: δ = {delta[k],13:E6}   graph {graphB[k],13:E6}");
                worst = Math.Max(worst, Math.Abs(delta[k] - graphB[k]));
            }

            result.Line($"layer {l}: ∂J/∂w_kj = a_j δ_k; graph: ∂J/∂W[j, k]");
            int outputs = delta.Length;
            for (int jj = 0; jj < sizes[l - 1]; jj++)
            {
                for (int k = 0; k < outputs; k++)
                {
                    int at = (jj * outputs) + k;
                    result.Line($"  w_{k + 1}{jj + 1} (unit {jj + 1} → {k + 1}): {dw[at],13:E6}   graph {graphW[at],13:E6}");
                    worst = Math.Max(worst, Math.Abs(dw[at] - graphW[at]));
                }
            }
        }

        j.ReleaseGraph();
        bool equal = worst <= tolerance;
        result.Line($"largest difference {worst:E2} (tolerance {tolerance:E0})");
        result.Line($"equal to graph backpropagation: {(equal ? "yes" : "no")}");

        // Repeat steps 3 and 4 until a fixed number of epochs or a target accuracy.
        var losses = net.Train(Inputs, Targets, maxEpochs, alpha, target);
        double accuracy = net.Accuracy(Inputs, Targets);
        bool reached = accuracy >= target;
        result.Line($"training on XOR, α = {alpha}, one sample at a time, at most {maxEpochs} epochs, target accuracy {target:P0}:");
        result.Line($"{(reached ? "reached" : "not reached")} after {losses.Length} epochs; accuracy {accuracy:P0}, mean loss {losses[0]:F4} → {losses[^1]:F4}");
        result.Value("maxGradientDifference", worst);
        result.Value("epochs", losses.Length);
        result.Value("accuracy", accuracy);
        result.Value("losses", losses);
        result.Passed = equal && reached;
        return result;
    }
}
