namespace MiniDL.Backends;

/// <summary>
/// A flat buffer of <see cref="Length"/> elements that belongs to one <see cref="IBackend"/>:
/// a managed <c>double[]</c> for the reference backend, native host memory for the CPU build,
/// GPU memory for the CUDA build. Tensors keep their data where their backend keeps it; it crosses
/// to the host only when read (<see cref="IBackend.Download"/>).
/// </summary>
public abstract class Storage : IDisposable
{
    /// <summary>Creates the bookkeeping for a buffer of <paramref name="length"/> elements.</summary>
    protected Storage(IBackend backend, long length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        Backend = backend;
        Length = length;
    }

    /// <summary>The backend that owns the buffer and runs every kernel on it.</summary>
    public IBackend Backend { get; }

    /// <summary>Number of elements.</summary>
    public long Length { get; }

    /// <summary>Releases the buffer now rather than at finalization (native and GPU memory).</summary>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases the buffer; override in backends that hold native memory.</summary>
    protected virtual void Dispose(bool disposing)
    {
    }
}
