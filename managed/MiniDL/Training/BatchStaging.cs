using MiniDL.Data;

namespace MiniDL.Training;

/// <summary>
/// Copies the rows of a batch into tensors on the model's backend: the features in one gather call, from a copy of the
/// whole set kept on the backend (<see cref="IBackend.GatherRows"/>, when asked and worth it) or from the host
/// (<see cref="IBackend.UploadRows"/>); the targets through a reusable host buffer. The device tensors are reused for
/// every batch of the same size, so a training step allocates nothing for its data.
/// </summary>
internal sealed class BatchStaging : IDisposable
{
    /// <summary>The largest feature set kept on the backend, in the backend's element type.</summary>
    private const long KeepLimitBytes = 1L << 30;

    private readonly IBackend _backend;
    private readonly bool? _keepFeatures;
    private readonly Dictionary<int, Tensor> _inputs = [];
    private readonly Dictionary<int, Tensor> _targets = [];
    private double[] _hostTargets = [];
    private Dataset? _keptOf;
    private Storage? _kept;
    private BatchStaging? _lender;

    /// <param name="backend">The model's backend.</param>
    /// <param name="keepFeatures">Keep a copy of each data set's features on the backend (<see cref="Trainer.KeepFeaturesOnDevice"/>).</param>
    public BatchStaging(IBackend backend, bool? keepFeatures = false)
    {
        _backend = backend;
        _keepFeatures = keepFeatures;
    }

    /// <summary>
    /// A staging with its own batch tensors that gathers from this one's kept copy when it is asked for the same data
    /// set (the training-accuracy pass inside a Fit), and from the host otherwise; it never makes a copy of its own.
    /// </summary>
    public BatchStaging Borrowing() => new(_backend, keepFeatures: false) { _lender = this };

    /// <summary>Rows <c>order[start .. start + rows)</c> of the features, as a rows × features tensor.</summary>
    public Tensor Inputs(Dataset data, int[] order, int start, int rows)
    {
        var tensor = Get(_inputs, rows, data.FeatureCount);
        var batch = order.AsSpan(start, rows);
        if (Kept(data) is { } features)
        {
            _backend.GatherRows(features, data.FeatureCount, batch, tensor.Storage);
        }
        else
        {
            _backend.UploadRows(data.Features, data.FeatureCount, batch, tensor.Storage);
        }

        return tensor;
    }

    /// <summary>
    /// The features of <paramref name="data"/> on the backend, uploaded at its first batch; null when not kept. Kept by
    /// default on a GPU backend (a batch would cross the bus), on request in float32 on the CPU (a batch would be
    /// converted); never on a float64 CPU or reference backend, which gathers the host rows as they are.
    /// </summary>
    private Storage? Kept(Dataset data)
    {
        if (_lender is not null)
        {
            return ReferenceEquals(_lender._keptOf, data) ? _lender._kept : null;
        }

        if (_keepFeatures == false || ReferenceEquals(_keptOf, data))
        {
            return _kept;
        }

        _kept?.Dispose();
        _kept = null;
        _keptOf = data;
        long bytes = data.Features.LongLength * (_backend.DType == DType.Float32 ? sizeof(float) : sizeof(double));
        bool plainHostCopy = _backend.DType == DType.Float64 && _backend.Name is "cpu" or "reference";
        bool keep = _keepFeatures ?? _backend.Name == "cuda";
        if (keep && !plainHostCopy && bytes <= KeepLimitBytes && data.Count > 0)
        {
            _kept = _backend.Allocate(data.Features.LongLength);
            _backend.Upload(data.Features, _kept);
        }

        return _kept;
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
        _kept?.Dispose();
        _kept = null;
        _keptOf = null;
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
