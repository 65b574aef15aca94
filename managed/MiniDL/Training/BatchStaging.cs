using MiniDL.Data;

namespace MiniDL.Training;

/// <summary>
/// Copies the rows of a batch into tensors on the model's backend: the features in one gather-and-upload call
/// (<see cref="IBackend.UploadRows"/>), the targets through a reusable host buffer; the device tensors are reused for
/// every batch of the same size, so a training step allocates nothing for its data.
/// </summary>
internal sealed class BatchStaging : IDisposable
{
    private readonly IBackend _backend;
    private readonly Dictionary<int, Tensor> _inputs = [];
    private readonly Dictionary<int, Tensor> _targets = [];
    private double[] _hostTargets = [];

    public BatchStaging(IBackend backend) => _backend = backend;

    /// <summary>Rows <c>order[start .. start + rows)</c> of the features, as a rows × features tensor.</summary>
    public Tensor Inputs(Dataset data, int[] order, int start, int rows)
    {
        var tensor = Get(_inputs, rows, data.FeatureCount);
        _backend.UploadRows(data.Features, data.FeatureCount, order.AsSpan(start, rows), tensor.Storage);
        return tensor;
    }

    /// <summary>
    /// The targets of the same rows: one-hot rows of <paramref name="columns"/> classes, the label itself when
    /// <paramref name="columns"/> is 1 for a classification set (binary output), or the real target for regression.
    /// </summary>
    public Tensor Targets(Dataset data, int[] order, int start, int rows, int columns)
    {
        int length = rows * columns;
        if (_hostTargets.Length < length)
        {
            _hostTargets = new double[length];
        }

        var host = _hostTargets.AsSpan(0, length);
        if (data.IsRegression)
        {
            var targets = data.Targets!;
            for (int r = 0; r < rows; r++)
            {
                host[r] = targets[order[start + r]];
            }
        }
        else if (columns == 1)
        {
            var labels = data.Labels;
            for (int r = 0; r < rows; r++)
            {
                host[r] = labels[order[start + r]];
            }
        }
        else
        {
            host.Clear();
            var labels = data.Labels;
            for (int r = 0; r < rows; r++)
            {
                host[(r * columns) + labels[order[start + r]]] = 1.0;
            }
        }

        var tensor = Get(_targets, rows, columns);
        _backend.Upload(host, tensor.Storage);
        return tensor;
    }

    public void Dispose()
    {
        foreach (var t in _inputs.Values)
        {
            t.Dispose();
        }

        foreach (var t in _targets.Values)
        {
            t.Dispose();
        }

        _inputs.Clear();
        _targets.Clear();
    }

    private Tensor Get(Dictionary<int, Tensor> cache, int rows, int columns)
    {
        if (!cache.TryGetValue(rows, out var t) || t.Columns != columns)
        {
            t?.Dispose();
            t = Tensor.Zeros(rows, columns, _backend);
            cache[rows] = t;
        }

        return t;
    }
}
