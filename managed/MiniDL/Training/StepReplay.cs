using MiniDL.Autograd.Passes;
using MiniDL.Data;
using MiniDL.Layers;
using MiniDL.Regularization;

namespace MiniDL.Training;

/// <summary>
/// The forward of a training step, <c>loss_func(W, X_batch, y_batch)</c> (Day 01, "Pseudocode"), or of an evaluation
/// batch: the graph is built on the first batch of each size, optimized
/// (<see cref="FuseBiasActivation"/>), recorded (<see cref="Tape"/>) and then replayed on every later batch; with replay
/// off it is built anew each step. docs/replay.md explains why the results are the same.
/// </summary>
internal sealed class StepReplay : IDisposable
{
    private readonly Layer _model;
    private readonly Regularizer? _regularizer;
    private readonly IReadOnlyList<Parameter> _parameters;
    private readonly int _batchSize;
    private readonly bool _replay;
    private readonly BatchStaging _staging;
    private Recorded? _fullBatches, _lastBatch, _current;
    private Node? _eager, _eagerOutput;
    private int _targetColumns;

    /// <summary>
    /// Prepares the steps of one <see cref="Trainer.Fit"/> (<c>keepFeatures</c>: <see cref="Trainer.KeepFeaturesOnDevice"/>),
    /// or of an evaluation pass (<c>borrowFrom</c>: the Fit's training steps, whose copy of the features a pass over the
    /// same set reads).
    /// </summary>
    public StepReplay(Layer model, Func<Node, Node, Node>? loss, Regularizer? regularizer, IReadOnlyList<Parameter> parameters, int batchSize, bool replay, bool? keepFeatures = false, StepReplay? borrowFrom = null)
    {
        _model = model;
        Loss = loss;
        _regularizer = regularizer;
        _parameters = parameters;
        _batchSize = batchSize;
        _replay = replay;
        _staging = borrowFrom?._staging.Borrowing() ?? new BatchStaging(model.Backend, keepFeatures);
    }

    /// <summary>The loss, chosen from the data and the output width at the first step when none was given.</summary>
    public Func<Node, Node, Node>? Loss { get; private set; }

    /// <summary>The model's output of the last <see cref="Forward"/> (its rows are the batch's predictions).</summary>
    public Node Output => _replay ? _current!.Output : _eagerOutput!;

    /// <summary>The graph of the last replayed step, after the fusion pass (null with replay off).</summary>
    public IReadOnlyList<Node>? Graph => _current?.Tape.Nodes;

    /// <summary>Forward and loss on rows <c>order[start .. start + rows)</c> of <paramref name="data"/>.</summary>
    /// <returns>The batch's data loss (its mean over the rows) and the objective to backpropagate from (plus the penalty).</returns>
    public (Node Loss, Node Objective) Forward(Dataset data, int[] order, int start, int rows)
    {
        var inputs = _staging.Inputs(data, order, start, rows);
        if (!_replay)
        {
            _eager?.ReleaseGraph();
            (_eager, _eagerOutput, var loss) = Build(inputs, data, order, start, rows);
            return (loss, _eager);
        }

        ref var graph = ref (rows == _batchSize ? ref _fullBatches : ref _lastBatch);
        if (graph is not null && ReferenceEquals(graph.Input, inputs) && graph.Training == _model.Training)
        {
            _staging.Targets(data, order, start, rows, _targetColumns); // new targets, same tensor
            graph.Tape.Forward();
        }
        else
        {
            graph?.Tape.Release();
            var (objective, output, dataLoss) = Build(inputs, data, order, start, rows);
            FuseBiasActivation.Apply(objective);
            graph = new Recorded(new Tape(objective), inputs, output, dataLoss, _model.Training);
        }

        _current = graph;
        return (graph.DataLoss, graph.Tape.Output);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _fullBatches?.Tape.Release();
        _lastBatch?.Tape.Release();
        _eager?.ReleaseGraph();
        _staging.Dispose();
    }

    private (Node Objective, Node Output, Node DataLoss) Build(Tensor inputs, Dataset data, int[] order, int start, int rows)
    {
        var output = _model.Forward(Node.Constant(inputs));
        if (_targetColumns == 0)
        {
            _targetColumns = Trainer.TargetColumns(data, output.Columns);
            Loss ??= Trainer.DefaultLoss(data, output.Columns);
        }

        var dataLoss = Loss!(output, Node.Constant(_staging.Targets(data, order, start, rows, _targetColumns)));
        return (_regularizer is null ? dataLoss : _regularizer.AddTo(dataLoss, _parameters), output, dataLoss);
    }

    /// <summary>A recorded step: its tape, the batch tensor it reads, the model's output, its data loss, and the mode it was recorded in.</summary>
    private sealed record Recorded(Tape Tape, Tensor Input, Node Output, Node DataLoss, bool Training);
}
