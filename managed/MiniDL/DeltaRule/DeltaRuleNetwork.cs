using MiniDL.Initializers;

namespace MiniDL.DeltaRule;

/// <summary>
/// Lesson 7's learning process for a fully connected network of sigmoid units, written neuron by neuron with plain
/// arrays and loops — no graph, no backend — so it can be read beside the slide. It is the gradient of
/// <c>J = ½‖ŷ − y‖²</c> for one sample, and the tests check it against the graph's backpropagation.
/// </summary>
/// <remarks>
/// <para>Lesson 7 "Neural Network", "Learning Process":</para>
/// <list type="bullet">
/// <item>Step 1 (Bước 1): build the network, prepare the training inputs X and labels Y, choose the learning rate α — the constructor and <see cref="Train"/>'s arguments.</item>
/// <item>Step 2 (Bước 2): initialize all weights randomly — the constructor.</item>
/// <item>Step 3 (Bước 3): forward propagation to the output layer, giving ŷ — <see cref="Forward"/>.</item>
/// <item>Step 4 (Bước 4): backpropagation — <see cref="TrainSample"/>. Output layer:
/// 3.1 error <c>e_k = ŷ_k − y_k</c>; 3.2 gradient error <c>δ_k = ŷ_k (1 − ŷ_k) e_k</c>;
/// 3.3 change <c>Δw_kj = a_j δ_k</c>; 3.4 <c>w_kj ← w_kj − α Δw_kj</c>; 3.5 <c>b_k ← b_k − α δ_k</c>.
/// Hidden layers: skip 3.1 and replace 3.2 by 4.2 <c>δ_k = a_k (1 − a_k) Σ_i δ_i^(l+1) w_ik^(l+1)</c>; 3.3–3.5 as above.</item>
/// <item>Repeat steps 3 and 4 over the training set for a number of epochs (or until a target accuracy); then the weights are kept.</item>
/// </list>
/// <para>
/// Storage: <c>Weights[l]</c> is the matrix of layer l+1 stored inputs × outputs, row-major, exactly as
/// <see cref="Layers.Linear"/> stores W — lesson 7's <c>W^(l) ∈ R^{d(l−1) × d(l)}</c> with <c>z^(l) = W^(l)ᵀ a^(l−1) + b^(l)</c>.
/// The learning process names the weight from unit j of the previous layer to unit k of this one <c>w_kj</c>; it is the
/// element <c>W[j, k]</c> = <c>Weights[l][j · outputs + k]</c>. Likewise the slide's <c>w_ik^(l+1)</c> (from unit k to unit i
/// of the next layer) is <c>W^(l+1)[k, i]</c>.
/// </para>
/// <para>
/// Why it is gradient descent on <c>J = ½ Σ_k (ŷ_k − y_k)²</c>: <c>∂J/∂ŷ_k = ŷ_k − y_k = e_k</c>; the sigmoid's derivative is
/// <c>σ′(z) = σ(z)(1 − σ(z)) = ŷ_k(1 − ŷ_k)</c>, so <c>δ_k = ∂J/∂z_k</c> (lesson 7's <c>e_j^(l) = ∂J/∂z_j^(l)</c>);
/// <c>∂z_k/∂w_kj = a_j</c> gives <c>Δw_kj = ∂J/∂w_kj</c> and <c>∂z_k/∂b_k = 1</c>; and for a hidden unit the chain rule
/// through every unit i it feeds, <c>∂J/∂a_k = Σ_i δ_i w_ik</c>, times <c>a_k(1 − a_k)</c>, is 4.2.
/// One detail the slide leaves open: every δ is computed with the weights of the forward pass (all of step 4's
/// δ first, then the updates 3.3–3.5 of every layer), which is what makes this equal to backpropagation followed by
/// one gradient-descent step. Updating the output weights before computing the hidden δ would mix old and new weights.
/// </para>
/// </remarks>
public sealed class DeltaRuleNetwork
{
    private readonly int[] _sizes;
    private readonly double[][] _weights;
    private readonly double[][] _biases;
    private readonly double[][] _activations; // a^(0) = x, a^(1), …, a^(L) = ŷ of the last forward
    private readonly double[][] _deltas;      // δ^(1) … δ^(L)

    /// <summary>Step 1 and step 2: builds the network and initializes the weights randomly (Xavier, seeded); biases start at 0.</summary>
    /// <param name="sizes">Units per layer, input first, e.g. [2, 3, 2]; at least two layers, each at least 1 unit.</param>
    /// <param name="seed">The seed of the weights.</param>
    public DeltaRuleNetwork(IReadOnlyList<int> sizes, int seed = 0)
        : this(sizes, RandomWeights(sizes, seed), null)
    {
    }

    /// <summary>Builds the network with given weights and biases (e.g. copied from a graph model).</summary>
    /// <param name="sizes">Units per layer, input first.</param>
    /// <param name="weights">For each layer l ≥ 1, W^(l) row-major inputs × outputs (<c>sizes[l−1] × sizes[l]</c> values).</param>
    /// <param name="biases">For each layer l ≥ 1, <c>sizes[l]</c> values; zeros when null.</param>
    public DeltaRuleNetwork(IReadOnlyList<int> sizes, double[][] weights, double[][]? biases)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        ArgumentNullException.ThrowIfNull(weights);
        if (sizes.Count < 2 || sizes.Any(s => s < 1))
        {
            throw new ArgumentException("DeltaRuleNetwork: sizes needs at least two layers of at least one unit.", nameof(sizes));
        }

        _sizes = [.. sizes];
        int layers = _sizes.Length - 1;
        if (weights.Length != layers || (biases is not null && biases.Length != layers))
        {
            throw new ArgumentException($"DeltaRuleNetwork: {layers} layers need {layers} weight matrices and bias vectors.", nameof(weights));
        }

        _weights = new double[layers][];
        _biases = new double[layers][];
        _deltas = new double[layers][];
        _activations = new double[layers + 1][];
        _activations[0] = new double[_sizes[0]];
        for (int l = 0; l < layers; l++)
        {
            int inputs = _sizes[l], outputs = _sizes[l + 1];
            if (weights[l].Length != inputs * outputs || (biases is not null && biases[l].Length != outputs))
            {
                throw new ArgumentException($"DeltaRuleNetwork: layer {l + 1} needs {inputs}×{outputs} weights and {outputs} biases.", nameof(weights));
            }

            _weights[l] = (double[])weights[l].Clone();
            _biases[l] = biases is null ? new double[outputs] : (double[])biases[l].Clone();
            _deltas[l] = new double[outputs];
            _activations[l + 1] = new double[outputs];
        }
    }

    /// <summary>Units per layer, input first.</summary>
    public IReadOnlyList<int> Sizes => _sizes;

    /// <summary>W^(l) for l = 1 … L, each row-major inputs × outputs (the slide's <c>w_kj</c> is <c>[l][j · outputs + k]</c>). Live arrays.</summary>
    public IReadOnlyList<double[]> Weights => _weights;

    /// <summary>b^(l) for l = 1 … L. Live arrays.</summary>
    public IReadOnlyList<double[]> Biases => _biases;

    /// <summary>Step 3, forward propagation: <c>z_k = Σ_j a_j w_kj + b_k</c>, <c>a_k = σ(z_k)</c>, layer by layer.</summary>
    /// <param name="x">One sample's inputs.</param>
    /// <returns>ŷ, the output layer's activations (a copy).</returns>
    public double[] Forward(double[] x)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Length != _sizes[0])
        {
            throw new ArgumentException($"DeltaRuleNetwork.Forward: {x.Length} inputs, the network takes {_sizes[0]}.", nameof(x));
        }

        Array.Copy(x, _activations[0], x.Length);
        for (int l = 0; l < _weights.Length; l++)
        {
            var a = _activations[l];
            var next = _activations[l + 1];
            var w = _weights[l];
            int outputs = next.Length;
            for (int k = 0; k < outputs; k++)
            {
                double z = _biases[l][k];
                for (int j = 0; j < a.Length; j++)
                {
                    z += a[j] * w[(j * outputs) + k]; // w_kj
                }

                next[k] = 1.0 / (1.0 + Math.Exp(-z));
            }
        }

        return (double[])_activations[^1].Clone();
    }

    /// <summary>The gradient errors <c>δ^(l)</c> of the last <see cref="Backpropagate"/> (or <see cref="TrainSample"/>), layer 1 first: <c>δ_k = ∂J/∂z_k = ∂J/∂b_k</c>. Live arrays.</summary>
    public IReadOnlyList<double[]> Deltas => _deltas;

    /// <summary>
    /// Step 3 and the error part of step 4 for one sample, without the updates: forward, then 3.1 <c>e_k = ŷ_k − y_k</c>,
    /// 3.2 <c>δ_k = ŷ_k (1 − ŷ_k) e_k</c> on the output layer and 4.2 <c>δ_k = a_k (1 − a_k) Σ_i δ_i w_ik</c> on the
    /// hidden layers, into <see cref="Deltas"/>.
    /// </summary>
    /// <param name="x">The sample's inputs.</param>
    /// <param name="y">Its targets, one per output unit.</param>
    /// <returns>The loss <c>J = ½‖ŷ − y‖²</c>.</returns>
    public double Backpropagate(double[] x, double[] y)
    {
        ArgumentNullException.ThrowIfNull(y);
        Forward(x);
        int last = _weights.Length - 1;
        var yHat = _activations[^1];
        if (y.Length != yHat.Length)
        {
            throw new ArgumentException($"DeltaRuleNetwork.Backpropagate: {y.Length} targets, the network has {yHat.Length} outputs.", nameof(y));
        }

        // Output layer.
        double loss = 0;
        for (int k = 0; k < yHat.Length; k++)
        {
            double e = yHat[k] - y[k];                          // 3.1  e_k = ŷ_k − y_k
            _deltas[last][k] = yHat[k] * (1 - yHat[k]) * e;     // 3.2  δ_k = ŷ_k (1 − ŷ_k) e_k
            loss += 0.5 * e * e;
        }

        // Hidden layers, from the last to the first, with the weights of the forward pass.
        for (int l = last - 1; l >= 0; l--)
        {
            var a = _activations[l + 1];
            var wNext = _weights[l + 1];
            var deltaNext = _deltas[l + 1];
            int nextUnits = deltaNext.Length;
            for (int k = 0; k < a.Length; k++)
            {
                double sum = 0;
                for (int i = 0; i < nextUnits; i++)
                {
                    sum += deltaNext[i] * wNext[(k * nextUnits) + i]; // δ_i^(l+1) w_ik^(l+1)
                }

                _deltas[l][k] = a[k] * (1 - a[k]) * sum;       // 4.2  δ_k = a_k (1 − a_k) Σ_i δ_i w_ik
            }
        }

        return loss;
    }

    /// <summary>
    /// 3.3 for layer <paramref name="layer"/> (1-based) after <see cref="Backpropagate"/>: <c>Δw_kj = a_j δ_k = ∂J/∂w_kj</c>
    /// (lesson 7's <c>∂J/∂w_ij = e_j a_i</c>), stored like <see cref="Weights"/> (<c>[j · outputs + k]</c>).
    /// </summary>
    /// <param name="layer">The layer l, 1 … L.</param>
    /// <returns>A new array, inputs × outputs, row-major.</returns>
    public double[] WeightGradient(int layer)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(layer, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(layer, _weights.Length);
        var aPrev = _activations[layer - 1];
        var delta = _deltas[layer - 1];
        var change = new double[aPrev.Length * delta.Length];
        for (int j = 0; j < aPrev.Length; j++)
        {
            for (int k = 0; k < delta.Length; k++)
            {
                change[(j * delta.Length) + k] = aPrev[j] * delta[k]; // 3.3  Δw_kj = a_j δ_k
            }
        }

        return change;
    }

    /// <summary>Steps 3 and 4 for one sample: forward, then the delta rule on every layer, with learning rate α.</summary>
    /// <param name="x">The sample's inputs.</param>
    /// <param name="y">Its targets, one per output unit.</param>
    /// <param name="alpha">The learning rate α.</param>
    /// <returns>The loss <c>½‖ŷ − y‖²</c> before the update.</returns>
    public double TrainSample(double[] x, double[] y, double alpha)
    {
        double loss = Backpropagate(x, y); // every δ first, with the weights of the forward pass

        // Updates of every layer.
        for (int l = 0; l < _weights.Length; l++)
        {
            var aPrev = _activations[l];
            var delta = _deltas[l];
            var w = _weights[l];
            var b = _biases[l];
            int outputs = delta.Length;
            for (int k = 0; k < outputs; k++)
            {
                for (int j = 0; j < aPrev.Length; j++)
                {
                    double change = aPrev[j] * delta[k];            // 3.3  Δw_kj = a_j δ_k
                    w[(j * outputs) + k] -= alpha * change;          // 3.4  w_kj ← w_kj − α Δw_kj
                }

                b[k] -= alpha * delta[k];                            // 3.5  b_k ← b_k − α δ_k
            }
        }

        return loss;
    }

    /// <summary>
    /// The training process: repeats steps 3 and 4 for every sample, in order, for <paramref name="epochs"/> epochs or
    /// until the accuracy on the training set reaches <paramref name="targetAccuracy"/> (checked after each epoch).
    /// </summary>
    /// <param name="inputs">Row-major inputs, one sample per row.</param>
    /// <param name="targets">Row-major targets, one row per sample (e.g. one-hot labels).</param>
    /// <param name="epochs">The most passes over the data.</param>
    /// <param name="alpha">The learning rate α.</param>
    /// <param name="targetAccuracy">Stop after the first epoch whose <see cref="Accuracy"/> is at least this; null runs every epoch.</param>
    /// <returns>The mean loss <c>½‖ŷ − y‖²</c> of each epoch run (fewer than <paramref name="epochs"/> when the target was reached).</returns>
    public double[] Train(double[] inputs, double[] targets, int epochs, double alpha, double? targetAccuracy = null)
    {
        int n = SampleCount(inputs, targets, "Train");
        int d = _sizes[0], c = _sizes[^1];
        var losses = new List<double>(Math.Max(0, epochs));
        var x = new double[d];
        var y = new double[c];
        for (int epoch = 0; epoch < epochs; epoch++)
        {
            double total = 0;
            for (int i = 0; i < n; i++)
            {
                Array.Copy(inputs, i * d, x, 0, d);
                Array.Copy(targets, i * c, y, 0, c);
                total += TrainSample(x, y, alpha);
            }

            losses.Add(total / n);
            if (targetAccuracy is double target && Accuracy(inputs, targets) >= target)
            {
                break; // repeat until a fixed number of epochs or a target accuracy
            }
        }

        return [.. losses];
    }

    /// <summary>
    /// The fraction of samples classified right: with one output unit, <c>ŷ ≥ 0.5</c> against <c>y ≥ 0.5</c>; with
    /// several, the unit of the largest ŷ against the unit of the largest y.
    /// </summary>
    /// <param name="inputs">Row-major inputs, one sample per row.</param>
    /// <param name="targets">Row-major targets, one row per sample.</param>
    /// <returns>Accuracy in [0, 1].</returns>
    public double Accuracy(double[] inputs, double[] targets)
    {
        int n = SampleCount(inputs, targets, "Accuracy");
        int d = _sizes[0], c = _sizes[^1];
        var x = new double[d];
        int right = 0;
        for (int i = 0; i < n; i++)
        {
            Array.Copy(inputs, i * d, x, 0, d);
            var yHat = Forward(x);
            var y = targets.AsSpan(i * c, c);
            right += c == 1 ? ((yHat[0] >= 0.5) == (y[0] >= 0.5) ? 1 : 0) : (ArgMax(yHat) == ArgMax(y) ? 1 : 0);
        }

        return n == 0 ? 0 : (double)right / n;
    }

    private int SampleCount(double[] inputs, double[] targets, string method)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(targets);
        int d = _sizes[0], c = _sizes[^1];
        int n = inputs.Length / d;
        if (inputs.Length != n * d || targets.Length != n * c)
        {
            throw new ArgumentException($"DeltaRuleNetwork.{method}: {inputs.Length} inputs and {targets.Length} targets do not make whole samples of {d} and {c}.");
        }

        return n;
    }

    private static int ArgMax(ReadOnlySpan<double> values)
    {
        int best = 0;
        for (int i = 1; i < values.Length; i++)
        {
            if (values[i] > values[best])
            {
                best = i;
            }
        }

        return best;
    }

    private static double[][] RandomWeights(IReadOnlyList<int> sizes, int seed)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        var init = new Xavier();
        var random = new Random(seed);
        var weights = new double[Math.Max(0, sizes.Count - 1)][];
        for (int l = 0; l < weights.Length; l++)
        {
            weights[l] = init.Sample(Math.Max(1, sizes[l]), Math.Max(1, sizes[l + 1]), random);
        }

        return weights;
    }
}
