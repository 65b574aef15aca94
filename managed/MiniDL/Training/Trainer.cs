using System.Diagnostics;
using MiniDL.Autograd;
using MiniDL.Autograd.Losses;
using MiniDL.Backends;
using MiniDL.Data;
using MiniDL.Layers;
using MiniDL.Optimizers;
using MiniDL.Regularization;
using MiniDL.Schedules;

namespace MiniDL.Training;

/// <summary>
/// The training loop: for each epoch, shuffle, then for each batch forward → loss → backward → update;
/// then measure, report, and maybe stop early. One loop for SGD, mini-batch and batch gradient descent (<see cref="BatchMode"/>).
/// </summary>
/// <remarks>
/// <para>
/// Day 01 (../shared/seeds/004_33cc2cf3ed509fa4.txt), pseudocode of SGD, mini-batch and batch gradient descent:
/// <c>for each epoch: for each batch: grad = compute_gradient(loss_func(W, X_batch, y_batch)); W = W − lr·grad</c>,
/// with "epochs: the number of passes over the data" and "iterations: the number of weight updates".
/// Lesson 7 (../shared/seeds/001_31ae95545f97e0fa.txt), learning process: repeat forward (step 3) and backward (step 4)
/// until a fixed number of epochs or a target accuracy, then keep the weights.
/// </para>
/// <para>
/// Per step nothing but the batch crosses to the backend, and nothing crosses back: the batch rows are copied into
/// reused tensors (one upload each for inputs and targets), the epoch's loss is summed on the backend and read once per
/// epoch, and <see cref="Node.ReleaseGraph"/> returns the step's intermediate buffers at once. Per epoch, in order:
/// the <see cref="Schedule"/> sets the learning rate, the data is shuffled (seeded), the batches are trained, the model is
/// evaluated in evaluation mode on the training set (accuracy) and the validation set, the callback runs, and
/// <see cref="EarlyStopping"/> decides. Targets: one-hot rows for a classifier with C &gt; 1 outputs, the 0/1 label for a
/// classifier with one (sigmoid) output, the real target for regression.
/// </para>
/// <para>
/// Graph replay (<see cref="UseReplay"/>, on by default): every step of an epoch computes the same graph on new data, so
/// the trainer builds it once — on the first batch, eagerly, from leaf nodes holding the reused batch tensors — records
/// it as a <see cref="Tape"/>, and for every later batch of the same size only writes the new rows into those tensors and
/// replays the tape (forward rules in order, backward rules in reverse). There are at most two graphs: one for the full
/// batches and one for the smaller last batch of an epoch. Replay runs the same kernels in the same order, so the weights
/// are bit-identical to building a new graph per step, while a step allocates no managed memory and no new buffers.
/// Dropout still draws a new mask per step and batch normalization still updates its running statistics (both are part
/// of their nodes' forward rules); the regularizer's penalty is part of the recorded objective, and clipping and the
/// update run after each backward as before. The graphs are released when <see cref="Fit"/> returns.
/// </para>
/// </remarks>
public sealed class Trainer
{
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

    /// <summary>The learning-rate schedule, applied at the start of each epoch; null keeps the optimizer's rate.</summary>
    public LearningRateSchedule? Schedule { get; set; }

    /// <summary>The weight penalty added to the loss; null for none.</summary>
    public Regularizer? Regularizer { get; set; }

    /// <summary>Gradient clipping applied between backward and the update; null for none.</summary>
    public GradientClipping? Clipping { get; set; }

    /// <summary>Early stopping on the validation loss (needs a validation set); null for none.</summary>
    public EarlyStopping? EarlyStopping { get; set; }

    /// <summary>Whether to measure training accuracy (an evaluation pass over the training set) each epoch (default true).</summary>
    public bool TrackTrainAccuracy { get; set; } = true;

    /// <summary>Batch size for evaluation passes, default 512.</summary>
    public int EvaluationBatchSize { get; set; } = 512;

    /// <summary>
    /// Whether <see cref="Fit"/> records the step's graph once and replays it (<see cref="Tape"/>) instead of building a
    /// new graph per step (default true). Both give the same weights; false is the plain eager loop, kept to compare.
    /// </summary>
    public bool UseReplay { get; set; } = true;

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
        var order = new int[n];
        for (int i = 0; i < n; i++)
        {
            order[i] = i;
        }

        var history = new TrainingHistory();
        var lossSum = backend.Allocate(1);
        var host = new double[1];
        long iterations = 0;
        int targetColumns = 0;
        Func<Node, Node, Node>? loss = Loss;
        EarlyStopping?.Reset();
        using var staging = new BatchStaging(backend);
        StepGraph? fullBatches = null, lastBatch = null; // the recorded graphs (UseReplay)
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
                for (int start = 0; start < n; start += batch)
                {
                    int rows = Math.Min(batch, n - start);
                    var inputs = staging.Inputs(train, order, start, rows);
                    if (UseReplay)
                    {
                        // Replay the recorded graph for this batch size, or record it (the first batch of each size).
                        ref var graph = ref (rows == batch ? ref fullBatches : ref lastBatch);
                        if (graph is not null && graph.Matches(inputs, Model.Training))
                        {
                            staging.Targets(train, order, start, rows, targetColumns); // new targets, same tensor
                            graph.Tape.Forward();
                        }
                        else
                        {
                            graph?.Tape.Release();
                            graph = null;
                            var x = Node.Constant(inputs);
                            var output = Model.Forward(x);
                            if (targetColumns == 0)
                            {
                                targetColumns = TargetColumns(train, output.Columns);
                                loss ??= DefaultLoss(train, output.Columns);
                            }

                            var t = Node.Constant(staging.Targets(train, order, start, rows, targetColumns));
                            var built = loss!(output, t);
                            var recorded = Regularizer is null ? built : Regularizer.AddTo(built, parameters);
                            graph = new StepGraph(new Tape(recorded), x, built, Model.Training);
                        }

                        backend.Axpy(rows, graph.DataLoss.Value.Storage, lossSum); // Σ over the epoch of (batch mean × rows)
                        Optimizer.ZeroGrad();
                        graph.Tape.Backward();
                        Clipping?.Apply(parameters);
                        Optimizer.Step();
                        iterations++;
                        continue;
                    }

                    {
                        // The eager loop: a new graph every step, released at its end.
                        var x = Node.Constant(inputs);
                        var output = Model.Forward(x);
                        if (targetColumns == 0)
                        {
                            targetColumns = TargetColumns(train, output.Columns);
                            loss ??= DefaultLoss(train, output.Columns);
                        }

                        var t = Node.Constant(staging.Targets(train, order, start, rows, targetColumns));
                        var dataLoss = loss!(output, t);
                        backend.Axpy(rows, dataLoss.Value.Storage, lossSum);     // Σ over the epoch of (batch mean × rows)
                        var objective = Regularizer is null ? dataLoss : Regularizer.AddTo(dataLoss, parameters);
                        Optimizer.ZeroGrad();
                        objective.Backward();
                        Clipping?.Apply(parameters);
                        Optimizer.Step();
                        objective.ReleaseGraph();
                        iterations++;
                    }
                }

                backend.Download(lossSum, host);
                double trainLoss = host[0] / n;
                double? trainAccuracy = null;
                if (TrackTrainAccuracy && !train.IsRegression)
                {
                    trainAccuracy = EvaluateWith(train, loss).Accuracy;
                }

                Evaluation? valid = validation is null ? null : EvaluateWith(validation, loss);
                var report = new EpochReport(epoch + 1, iterations, trainLoss, trainAccuracy, valid?.Loss, valid?.Accuracy, lr, clock.Elapsed.TotalSeconds);
                history.Add(report);
                OnEpoch?.Invoke(report);
                if (EarlyStopping is not null && EarlyStopping.Update(epoch + 1, valid!.Loss, Model))
                {
                    history.StoppedEarly = epoch + 1 < Epochs;
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
            fullBatches?.Tape.Release();
            lastBatch?.Tape.Release();
            lossSum.Dispose();
            Model.Train();
        }

        return history;
    }

    /// <summary>Evaluates the model on <paramref name="data"/> in evaluation mode, in batches of <see cref="EvaluationBatchSize"/>.</summary>
    /// <param name="data">The data.</param>
    /// <returns>Mean loss, accuracy (classification) and predicted labels.</returns>
    public Evaluation Evaluate(Dataset data) => EvaluateWith(data, Loss);

    private Evaluation EvaluateWith(Dataset data, Func<Node, Node, Node>? loss)
    {
        ArgumentNullException.ThrowIfNull(data);
        var backend = Model.Backend;
        int n = data.Count;
        int batch = Math.Max(1, Math.Min(EvaluationBatchSize, n));
        var order = new int[n];
        for (int i = 0; i < n; i++)
        {
            order[i] = i;
        }

        bool wasTraining = Model.Training;
        Model.Eval();
        var predictions = data.IsRegression ? [] : new int[n];
        var lossSum = backend.Allocate(1);
        var host = new double[1];
        double[] outputs = [];
        int correct = 0;
        using var staging = new BatchStaging(backend);
        try
        {
            for (int start = 0; start < n; start += batch)
            {
                int rows = Math.Min(batch, n - start);
                var output = Model.Forward(Node.Constant(staging.Inputs(data, order, start, rows)));
                int columns = TargetColumns(data, output.Columns);
                loss ??= DefaultLoss(data, output.Columns);
                var t = Node.Constant(staging.Targets(data, order, start, rows, columns));
                var l = loss(output, t);
                backend.Axpy(rows, l.Value.Storage, lossSum);
                if (!data.IsRegression)
                {
                    int c = output.Columns;
                    if (outputs.Length < rows * c)
                    {
                        outputs = new double[rows * c];
                    }

                    backend.Download(output.Value.Storage, outputs.AsSpan(0, rows * c));
                    for (int r = 0; r < rows; r++)
                    {
                        int label = PredictedLabel(outputs, r, c);
                        predictions[start + r] = label;
                        if (label == data.Labels[start + r])
                        {
                            correct++;
                        }
                    }
                }

                l.ReleaseGraph();
            }

            backend.Download(lossSum, host);
        }
        finally
        {
            lossSum.Dispose();
            if (wasTraining)
            {
                Model.Train();
            }
        }

        return new Evaluation(host[0] / n, data.IsRegression ? null : (double)correct / n, predictions);
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

    private static int TargetColumns(Dataset data, int outputColumns)
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

    private static Func<Node, Node, Node> DefaultLoss(Dataset data, int outputColumns)
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

        if (EarlyStopping is not null && (validation is null || validation.Count == 0))
        {
            throw new ArgumentException("Trainer.Fit: early stopping monitors the validation loss; pass a non-empty validation set.", nameof(validation));
        }
    }

    /// <summary>
    /// A recorded training step: the tape of the objective, the leaf whose tensor holds the batch (refilled in place
    /// each step), the data loss inside it (summed for the epoch's loss), and the mode it was recorded in.
    /// </summary>
    private sealed class StepGraph(Tape tape, Node input, Node dataLoss, bool training)
    {
        public Tape Tape { get; } = tape;

        public Node DataLoss { get; } = dataLoss;

        /// <summary>True when this graph reads <paramref name="inputs"/> (the staging tensor it was built on) in the same mode.</summary>
        public bool Matches(Tensor inputs, bool trainingMode) => ReferenceEquals(input.Value, inputs) && training == trainingMode;
    }
}
