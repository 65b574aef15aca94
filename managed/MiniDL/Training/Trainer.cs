using System.Diagnostics;
using MiniDL.Autograd.Losses;
using MiniDL.Data;
using MiniDL.Layers;
using MiniDL.Optimizers;
using MiniDL.Regularization;
using MiniDL.Schedules;

namespace MiniDL.Training;

/// <summary>
/// The training loop of Day 01's "Pseudocode" (mini-batch gradient descent): for each epoch, shuffle; for each batch,
/// forward, loss, backward, clip, step; then evaluate, report, and maybe stop early (Lesson 7 "Neural Network",
/// "Learning Process": repeat forward and backward until a number of epochs or a target accuracy).
/// One loop for SGD, mini-batch and batch gradient descent (<see cref="BatchMode"/>).
/// </summary>
/// <remarks>
/// Targets: one-hot rows for a classifier with C &gt; 1 outputs, the 0/1 label for one (sigmoid) output, the real target
/// for regression. Each step's graph is recorded once and replayed (<see cref="UseReplay"/>, docs/replay.md).
/// </remarks>
public sealed class Trainer
{
    private double[] _outputs = [];                           // the host copy of a batch's outputs, for accuracy

    /// <summary>Creates a trainer.</summary>
    /// <param name="model">The model to train (its backend is where the data goes).</param>
    /// <param name="optimizer">The optimizer over the model's parameters.</param>
    /// <param name="loss">
    /// The loss <c>(output, targets) → 1×1 node</c>; when null: softmax cross-entropy for classifiers with several
    /// outputs, binary cross-entropy for one output, mean squared error for regression.
    /// </param>
    public Trainer(Layer model, Optimizer optimizer, Func<Node, Node, Node>? loss = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(optimizer);
        Model = model;
        Optimizer = optimizer;
        Loss = loss;
    }

    /// <summary>The model.</summary>
    public Layer Model { get; }

    /// <summary>The optimizer.</summary>
    public Optimizer Optimizer { get; }

    /// <summary>The loss function, or null for the default chosen from the data and the output width.</summary>
    public Func<Node, Node, Node>? Loss { get; set; }

    /// <summary>SGD, mini-batch (default) or batch gradient descent.</summary>
    public BatchMode Mode { get; set; } = BatchMode.MiniBatch;

    /// <summary>The mini-batch size B (used in <see cref="BatchMode.MiniBatch"/>), default 32.</summary>
    public int BatchSize { get; set; } = 32;

    /// <summary>Number of epochs (passes over the training data), default 10.</summary>
    public int Epochs { get; set; } = 10;

    /// <summary>Seed of the per-epoch shuffles.</summary>
    public int Seed { get; set; }

    /// <summary>Whether to shuffle the training data at the start of every epoch (default true).</summary>
    public bool Shuffle { get; set; } = true;

    /// <summary>
    /// The learning-rate schedule: at the start of epoch e (0, 1, …) the optimizer's rate becomes <c>Schedule.At(e)</c>,
    /// so the schedule's own starting rate replaces the one the optimizer was built with. Null keeps the optimizer's rate.
    /// </summary>
    public LearningRateSchedule? Schedule { get; set; }

    /// <summary>The weight penalty added to the loss; null for none.</summary>
    public Regularizer? Regularizer { get; set; }

    /// <summary>Gradient clipping applied between backward and the update; null for none.</summary>
    public GradientClipping? Clipping { get; set; }

    /// <summary>Early stopping on the validation loss (needs a validation set); null for none.</summary>
    public EarlyStopping? EarlyStopping { get; set; }

    /// <summary>Whether to measure the training accuracy each epoch (default true); how: <see cref="TrainAccuracyFrom"/>.</summary>
    public bool TrackTrainAccuracy { get; set; } = true;

    /// <summary>
    /// How the training accuracy is measured: <see cref="TrainAccuracySource.EvaluationPass"/> (default, the lectures'
    /// accuracy of the epoch's final weights, one more pass) or <see cref="TrainAccuracySource.TrainingBatches"/>
    /// (counted during the epoch's steps, no extra pass).
    /// </summary>
    public TrainAccuracySource TrainAccuracyFrom { get; set; } = TrainAccuracySource.EvaluationPass;

    /// <summary>
    /// Stop after the first epoch whose training accuracy reaches this value (in [0, 1]); null trains all <see cref="Epochs"/>.
    /// Lesson 7 "Neural Network", "Learning Process": repeat until a fixed number of epochs or
    /// a target accuracy. The training accuracy is computed for it even when <see cref="TrackTrainAccuracy"/> is off.
    /// </summary>
    public double? TargetAccuracy { get; set; }

    /// <summary>Batch size for evaluation passes, default 512.</summary>
    public int EvaluationBatchSize { get; set; } = 512;

    /// <summary>
    /// Whether <see cref="Fit"/> records the step's graph once and replays it (docs/replay.md) instead of building a new
    /// graph per step (default true). Both give the same weights; false is the plain eager loop, kept to compare.
    /// </summary>
    public bool UseReplay { get; set; } = true;

    /// <summary>
    /// Whether <see cref="Fit"/> copies the training features to the model's backend once and gathers every batch
    /// there, instead of converting each batch's rows from the host's float64 array: null (default) on a GPU backend,
    /// where every batch would otherwise cross the bus; true also on the CPU in float32, where it halves the bytes a
    /// batch reads but costs a copy of the set once per Fit (Fashion-MNIST: 188 MB; it pays after many epochs,
    /// bench/NOTES.md); false never. Never for a float64 CPU or reference backend (a batch is a plain copy of host
    /// rows) or a set over 1 GiB. The copy is made at the first batch of each <see cref="Fit"/>, and the Fit's
    /// training-accuracy pass reads it too: features changed in place during a Fit are not seen.
    /// </summary>
    public bool? KeepFeaturesOnDevice { get; set; }

    /// <summary>Called after every epoch with its report.</summary>
    public Action<EpochReport>? OnEpoch { get; set; }

    /// <summary>The batch size that <see cref="Mode"/> means for <paramref name="count"/> samples: 1, B (at most count) or count.</summary>
    /// <param name="count">Number of training samples.</param>
    /// <returns>Samples per update.</returns>
    public int EffectiveBatchSize(int count) => Mode switch
    {
        BatchMode.Sgd => 1,
        BatchMode.BatchGD => count,
        _ => Math.Min(BatchSize, count),
    };

    /// <summary>Trains the model on <paramref name="train"/> for <see cref="Epochs"/> epochs (fewer if stopped early).</summary>
    /// <param name="train">The training data.</param>
    /// <param name="validation">Validation data (monitored by early stopping); optional.</param>
    /// <returns>The per-epoch reports.</returns>
    /// <exception cref="ArgumentException">Empty data, feature counts that differ, or early stopping without a validation set.</exception>
    public TrainingHistory Fit(Dataset train, Dataset? validation = null)
    {
        ArgumentNullException.ThrowIfNull(train);
        Validate(train, validation);
        var backend = Model.Backend;
        var parameters = Optimizer.Parameters;
        int n = train.Count;
        int batch = EffectiveBatchSize(n);
        var random = new Random(Seed);
        int[] order = [.. Enumerable.Range(0, n)];
        var history = new TrainingHistory();
        var lossSum = backend.Allocate(1); // Σ over the epoch of (batch mean × rows), summed on the backend
        var host = new double[1];
        var batchLoss = new double[1];      // the batch's loss, read each step: a NaN or ∞ means training diverged
        bool wantAccuracy = (TrackTrainAccuracy || TargetAccuracy is not null) && !train.IsRegression;
        bool countInSteps = wantAccuracy && TrainAccuracyFrom == TrainAccuracySource.TrainingBatches;
        long iterations = 0;
        EarlyStopping?.Reset();
        using var step = new StepReplay(Model, Loss, Regularizer, parameters, batch, UseReplay, KeepFeaturesOnDevice);
        try
        {
            for (int epoch = 0; epoch < Epochs; epoch++)
            {
                var clock = Stopwatch.StartNew();
                if (Schedule is not null)
                {
                    Optimizer.LearningRate = Schedule.At(epoch);
                }

                double lr = Optimizer.LearningRate;
                if (Shuffle)
                {
                    Reshuffle(order, random);
                }

                Model.Train();
                backend.Fill(lossSum, 0.0);
                int correct = 0;
                for (int start = 0; start < n; start += batch)
                {
                    int rows = Math.Min(batch, n - start);
                    var (loss, objective) = step.Forward(train, order, start, rows); // forward and loss (+ penalty)
                    backend.Download(loss.Value.Storage, batchLoss);
                    if (!double.IsFinite(batchLoss[0]))
                    {
                        throw new TrainingDivergedException(epoch + 1, iterations + 1, batchLoss[0], lr); // stop at once
                    }

                    backend.Axpy(rows, loss.Value.Storage, lossSum);
                    if (countInSteps)
                    {
                        correct += CountCorrect(step.Output, train, order, start, rows, null); // this step's predictions
                    }

                    Optimizer.ZeroGrad();
                    objective.Backward();                                            // backward
                    Clipping?.Apply(parameters);                                     // clip
                    Optimizer.Step();                                                // W = W − lr · grad (the optimizer's rule)
                    iterations++;
                }

                backend.Download(lossSum, host);
                double? trainAccuracy = !wantAccuracy ? null : countInSteps ? (double)correct / n : EvaluateWith(train, step.Loss, step).Accuracy;
                Evaluation? valid = validation is null ? null : EvaluateWith(validation, step.Loss);
                var report = new EpochReport(epoch + 1, iterations, host[0] / n, trainAccuracy, valid?.Loss, valid?.Accuracy, lr, clock.Elapsed.TotalSeconds);
                history.Add(report);
                OnEpoch?.Invoke(report);
                if (EarlyStopping is not null && EarlyStopping.Update(epoch + 1, valid!.Loss, Model))
                {
                    history.StoppedEarly = epoch + 1 < Epochs;
                    break;
                }

                if (TargetAccuracy is double target && trainAccuracy >= target)
                {
                    history.ReachedTargetAccuracy = epoch + 1;                       // repeat until a target accuracy
                    break;
                }
            }

            if (EarlyStopping is { RestoreBestWeights: true } es && es.BestEpoch > 0 && es.BestEpoch != history.Last.Epoch && es.RestoreBest(Model))
            {
                history.RestoredEpoch = es.BestEpoch;
            }
        }
        finally
        {
            lossSum.Dispose();
            Model.Train();
        }

        return history;
    }

    /// <summary>Evaluates the model on <paramref name="data"/> in evaluation mode, in batches of <see cref="EvaluationBatchSize"/>.</summary>
    /// <param name="data">The data.</param>
    /// <returns>Mean loss, accuracy (classification) and predicted labels.</returns>
    public Evaluation Evaluate(Dataset data) => EvaluateWith(data, Loss);

    private Evaluation EvaluateWith(Dataset data, Func<Node, Node, Node>? loss, StepReplay? during = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        var backend = Model.Backend;
        int n = data.Count;
        int batch = Math.Max(1, Math.Min(EvaluationBatchSize, n));
        int[] order = [.. Enumerable.Range(0, n)];

        bool wasTraining = Model.Training;
        Model.Eval();
        var predictions = data.IsRegression ? [] : new int[n];
        var lossSum = backend.Allocate(1);
        var host = new double[1];
        int correct = 0;
        var step = new StepReplay(Model, loss, null, [], batch, UseReplay, borrowFrom: during); // during a Fit: its features' copy
        try
        {
            for (int start = 0; start < n; start += batch)
            {
                int rows = Math.Min(batch, n - start);
                var (l, _) = step.Forward(data, order, start, rows); // forward and loss
                var output = step.Output;
                backend.Axpy(rows, l.Value.Storage, lossSum);
                if (!data.IsRegression)
                {
                    correct += CountCorrect(output, data, order, start, rows, predictions);
                }
            }

            backend.Download(lossSum, host);
        }
        finally
        {
            step.Dispose();
            lossSum.Dispose();
            if (wasTraining)
            {
                Model.Train();
            }
        }

        return new Evaluation(host[0] / n, data.IsRegression ? null : (double)correct / n, predictions);
    }

    /// <summary>
    /// The number of rows <c>start .. start + rows − 1</c> of <paramref name="order"/> whose predicted label (from the
    /// model outputs of that batch) equals the data's label; writes the labels to <paramref name="predictions"/> if given.
    /// </summary>
    private int CountCorrect(Node output, Dataset data, int[] order, int start, int rows, int[]? predictions)
    {
        int c = output.Columns;
        if (_outputs.Length < rows * c)
        {
            _outputs = new double[rows * c];                  // grown once, reused by every later batch
        }

        Model.Backend.Download(output.Value.Storage, _outputs.AsSpan(0, rows * c));
        int correct = 0;
        for (int r = 0; r < rows; r++)
        {
            int label = PredictedLabel(_outputs, r, c);
            if (predictions is not null)
            {
                predictions[start + r] = label;
            }

            if (label == data.Labels[order[start + r]])
            {
                correct++;
            }
        }

        return correct;
    }

    /// <summary>
    /// The labels a batch of model outputs means, one per row, by the rule the trainer's accuracy uses (below); for a
    /// loop written by hand after <c>model.Forward</c>.
    /// </summary>
    /// <param name="outputs">The model's outputs, one row per sample.</param>
    /// <returns>The predicted class of each row.</returns>
    public static int[] PredictedLabels(Tensor outputs)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        var values = outputs.ToArray();
        return Enumerable.Range(0, outputs.Rows).Select(r => PredictedLabel(values, r, outputs.Columns)).ToArray();
    }

    /// <summary>The label a row of outputs means: argmax for several outputs, <c>[y ≥ 0.5]</c> for one (a sigmoid probability).</summary>
    private static int PredictedLabel(double[] outputs, int row, int columns)
    {
        int offset = row * columns;
        if (columns == 1)
        {
            return outputs[offset] >= 0.5 ? 1 : 0;
        }

        int best = 0;
        for (int j = 1; j < columns; j++)
        {
            if (outputs[offset + j] > outputs[offset + best])
            {
                best = j;
            }
        }

        return best;
    }

    internal static int TargetColumns(Dataset data, int outputColumns)
    {
        if (data.IsRegression || outputColumns == 1)
        {
            if (outputColumns != 1)
            {
                throw new ArgumentException($"Trainer: regression set '{data.Name}' has one target per sample, the model outputs {outputColumns} columns.");
            }

            return 1;
        }

        if (outputColumns != data.ClassCount)
        {
            throw new ArgumentException($"Trainer: '{data.Name}' has {data.ClassCount} classes, the model outputs {outputColumns} columns.");
        }

        return outputColumns;
    }

    internal static Func<Node, Node, Node> DefaultLoss(Dataset data, int outputColumns)
    {
        if (data.IsRegression)
        {
            return MeanSquaredError.Forward;
        }

        return outputColumns == 1 ? (y, t) => BinaryCrossEntropy.Forward(y, t) : SoftmaxCrossEntropy.Forward;
    }

    private static void Reshuffle(int[] order, Random random)
    {
        // Fisher–Yates over the previous order (as MiniDL.Data.Splits.Shuffle, without allocating).
        for (int i = order.Length - 1; i > 0; i--)
        {
            int j = random.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
    }

    private void Validate(Dataset train, Dataset? validation)
    {
        if (train.Count == 0)
        {
            throw new ArgumentException($"Trainer.Fit: training set '{train.Name}' is empty.", nameof(train));
        }

        if (Epochs < 0 || BatchSize < 1 || EvaluationBatchSize < 1)
        {
            throw new ArgumentException($"Trainer.Fit: epochs {Epochs}, batch size {BatchSize} and evaluation batch size {EvaluationBatchSize} must be at least 0, 1 and 1.");
        }

        if (validation is not null && validation.FeatureCount != train.FeatureCount)
        {
            throw new ArgumentException($"Trainer.Fit: validation set has {validation.FeatureCount} features, training set {train.FeatureCount}.", nameof(validation));
        }

        if (TargetAccuracy is double target && (!(target >= 0 && target <= 1) || train.IsRegression))
        {
            throw new ArgumentException($"Trainer.Fit: target accuracy {target} needs a value in [0, 1] and a classification set.");
        }

        if (EarlyStopping is not null && (validation is null || validation.Count == 0))
        {
            throw new ArgumentException("Trainer.Fit: early stopping monitors the validation loss; pass a non-empty validation set.", nameof(validation));
        }
    }
}
