using MiniDL.Autograd.Nodes;

namespace MiniDL.Layers;

/// <summary>Batch normalization over the features (columns) of a batch: normalize with the mini-batch mean and variance, then scale by γ and shift by β.</summary>
/// <remarks>
/// <para>
/// The "Deep learning and neural networks" notes ("2.3. Normalization layer", "Batch Normalizing Transform, applied to activation x
/// over a mini-batch"), for each feature over the m samples of the batch:
/// <c>μ_B = 1/m Σᵢ xᵢ</c>, <c>σ²_B = 1/m Σᵢ (xᵢ − μ_B)²</c>, <c>x̂ᵢ = (xᵢ − μ_B) / √(σ²_B + ε)</c>, <c>yᵢ = γ x̂ᵢ + β</c>,
/// with γ (starts at 1) and β (starts at 0) learned.
/// </para>
/// <para>
/// Training mode builds exactly these formulas from graph nodes (sum over rows, row broadcast, square, sqrt), so
/// the gradient through μ_B and σ²_B is the exact one and is checked by the gradient checker like any node.
/// It also updates running statistics for inference, <c>running ← (1 − momentum) running + momentum · batch</c>
/// (PyTorch's convention, momentum 0.1). The running variance is fed the mini-batch variance as the notes define
/// it (divided by m); PyTorch feeds the unbiased one (divided by m − 1) — a small difference for large batches.
/// Evaluation mode uses the running mean and variance in place of the batch ones, so a prediction does not
/// depend on the other samples of its batch.
/// </para>
/// </remarks>
public sealed class BatchNorm : Layer
{
    /// <summary>Creates the layer.</summary>
    /// <param name="features">Number of features (columns), at least 1.</param>
    /// <param name="epsilon">ε added to the variance, above 0.</param>
    /// <param name="momentum">Weight of the new batch in the running statistics, in (0, 1].</param>
    /// <param name="backend">Where the parameters live.</param>
    public BatchNorm(int features, double epsilon = 1e-5, double momentum = 0.1, IBackend? backend = null)
        : base(backend)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(features, 1);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(epsilon);
        if (!(momentum > 0 && momentum <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(momentum), momentum, "BatchNorm: momentum must be in (0, 1].");
        }

        Features = features;
        Epsilon = epsilon;
        Momentum = momentum;
        var ones = new double[features];
        Array.Fill(ones, 1.0);
        Gamma = new Parameter("gamma", Tensor.FromArray(ones, 1, features, Backend));
        Beta = new Parameter("beta", Tensor.Zeros(1, features, Backend));
        RunningMean = new Parameter("running_mean", Tensor.Zeros(1, features, Backend), trainable: false);
        RunningVariance = new Parameter("running_var", Tensor.FromArray(ones, 1, features, Backend), trainable: false);
    }

    /// <summary>Number of features.</summary>
    public int Features { get; }

    /// <summary>ε added to the variance.</summary>
    public double Epsilon { get; }

    /// <summary>Weight of the new batch in the running statistics.</summary>
    public double Momentum { get; }

    /// <summary>γ, the learned scale (1 × features).</summary>
    public Parameter Gamma { get; }

    /// <summary>β, the learned shift (1 × features).</summary>
    public Parameter Beta { get; }

    /// <summary>The running mean used in evaluation.</summary>
    public Parameter RunningMean { get; }

    /// <summary>The running variance used in evaluation.</summary>
    public Parameter RunningVariance { get; }

    /// <summary><c>Y = γ (X − μ) / √(σ² + ε) + β</c> with batch statistics (training) or running ones (evaluation).</summary>
    /// <param name="x">X, shape (m, features); m ≥ 1 (m = 1 in training gives x̂ = 0).</param>
    /// <returns>Y, the shape of X.</returns>
    public override Node Forward(Node x)
    {
        RequireFeatures(x, Features);

        Node mean, variance;
        Node centered;
        if (Training)
        {
            double invM = 1.0 / x.Rows;
            mean = MultiplyConstant.Forward(ColumnSums.Forward(x), invM);                      // μ_B = 1/m Σᵢ xᵢ
            centered = RowBroadcast.Forward(BinaryOp.Subtract, x, mean);                  // xᵢ − μ_B
            variance = MultiplyConstant.Forward(ColumnSums.Forward(Square.Forward(centered)), invM); // σ²_B = 1/m Σᵢ (xᵢ − μ_B)²
            var batchMean = mean.Value;
            var batchVariance = variance.Value;
            void UpdateRunningStatistics()
            {
                UpdateRunning(RunningMean, batchMean);
                UpdateRunning(RunningVariance, batchVariance);
            }

            UpdateRunningStatistics();

            variance.OnEveryForward(UpdateRunningStatistics); // a side effect of computing σ²_B, also when the graph runs again
        }
        else
        {
            mean = RunningMean.Node;
            variance = RunningVariance.Node;
            centered = RowBroadcast.Forward(BinaryOp.Subtract, x, mean);
        }

        var std = Sqrt.Forward(AddConstant.Forward(variance, Epsilon));                     // √(σ² + ε)
        var normalized = RowBroadcast.Forward(BinaryOp.Divide, centered, std);              // x̂
        var scaled = RowBroadcast.Forward(BinaryOp.Multiply, normalized, Gamma.Node);        // γ x̂
        return AddBias.Forward(scaled, Beta.Node);                                           // + β
    }

    /// <inheritdoc/>
    public override IEnumerable<Parameter> Parameters() => [Gamma, Beta];

    /// <inheritdoc/>
    public override IEnumerable<Parameter> Buffers() => [RunningMean, RunningVariance];

    /// <inheritdoc/>
    public override string ToString() => $"BatchNorm({Features})";

    private void UpdateRunning(Parameter running, Tensor batch)
    {
        // running ← (1 − momentum) running + momentum · batch, on the backend.
        Backend.Scale(1.0 - Momentum, running.Value.Storage);
        Backend.Axpy(Momentum, batch.Storage, running.Value.Storage);
    }
}
