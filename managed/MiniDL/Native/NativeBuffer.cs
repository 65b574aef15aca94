using System.Runtime.InteropServices;

namespace MiniDL.Native;

/// <summary>
/// One buffer from <c>mdl_alloc</c> of one native build. Releasing it (by <see cref="SafeHandle.Dispose()"/> or by
/// the finalizer, for a buffer nobody disposed) calls <c>mdl_free</c> of the library that allocated it.
/// </summary>
public sealed class NativeBuffer : SafeHandle
{
    private readonly NativeApi _api;

    /// <summary>Takes ownership of <paramref name="pointer"/>, a buffer of <paramref name="bytes"/> bytes from <paramref name="api"/>.</summary>
    internal NativeBuffer(NativeApi api, nint pointer, long bytes)
        : base(nint.Zero, ownsHandle: true)
    {
        _api = api;
        Bytes = bytes;
        SetHandle(pointer);
    }

    /// <summary>Size in bytes.</summary>
    public long Bytes { get; }

    /// <summary>The library that owns the memory.</summary>
    public NativeApi Api => _api;

    /// <inheritdoc/>
    public override bool IsInvalid => handle == nint.Zero;

    /// <inheritdoc/>
    protected override unsafe bool ReleaseHandle() => _api.mdl_free(handle) == 0;
}

/// <summary>
/// A caching allocator over <c>mdl_alloc</c>/<c>mdl_free</c>. Every training step builds a fresh graph whose nodes
/// allocate new tensors of the same sizes as the step before; asking the OS (mmap for 100 KB+) or the GPU driver
/// (cudaMalloc synchronizes the device) for each of them is slow. Disposed buffers wait here in free lists keyed by
/// their exact size in bytes, up to <see cref="CapacityBytes"/> in all, and <see cref="Rent"/> hands one back
/// zero-filled (<c>mdl_fill</c>), as <see cref="IBackend.Allocate"/> promises. Thread-safe (one lock).
/// </summary>
internal sealed class NativeBufferPool
{
    /// <summary>512 MiB: the most memory kept cached per library by default.</summary>
    public const long DefaultCapacityBytes = 512L * 1024 * 1024;

    private readonly NativeApi _api;
    private readonly Lock _gate = new();
    private readonly Dictionary<long, Stack<NativeBuffer>> _free = [];

    public NativeBufferPool(NativeApi api, long capacityBytes)
    {
        _api = api;
        CapacityBytes = capacityBytes;
    }

    /// <summary>The most bytes kept cached; a buffer returned beyond it is freed.</summary>
    public long CapacityBytes { get; set; }

    /// <summary>Bytes now waiting in the free lists.</summary>
    public long CachedBytes { get; private set; }

    /// <summary>Rents served from the free lists.</summary>
    public long Hits { get; private set; }

    /// <summary>Rents that called <c>mdl_alloc</c>.</summary>
    public long Misses { get; private set; }

    /// <summary>A zero-filled buffer of <paramref name="bytes"/> bytes (&gt; 0, a multiple of 4).</summary>
    public unsafe NativeBuffer Rent(long bytes)
    {
        NativeBuffer? buffer = null;
        lock (_gate)
        {
            if (_free.TryGetValue(bytes, out var stack) && stack.Count > 0)
            {
                buffer = stack.Pop();
                CachedBytes -= bytes;
                Hits++;
            }
            else
            {
                Misses++;
            }
        }

        if (buffer is not null)
        {
            // Zero bits are 0.0 in float32 and float64 alike, so one float32 fill serves both element types.
            int status = _api.mdl_fill(0, bytes / sizeof(float), buffer.DangerousGetHandle(), 0.0);
            if (status != 0)
            {
                buffer.Dispose();
                _api.Check(status);
            }

            return buffer;
        }

        nint p;
        int s = _api.mdl_alloc((nuint)bytes, &p);
        if (s == (int)NativeStatus.OutOfMemory || s == (int)NativeStatus.Device)
        {
            // The cache may be what fills the device: give it back and try once more.
            Trim();
            s = _api.mdl_alloc((nuint)bytes, &p);
        }

        _api.Check(s);
        return new NativeBuffer(_api, p, bytes);
    }

    /// <summary>Takes a buffer back for reuse, or frees it when the cache is full.</summary>
    public void Return(NativeBuffer buffer)
    {
        if (buffer.IsInvalid || buffer.IsClosed)
        {
            return;
        }

        long bytes = buffer.Bytes;
        lock (_gate)
        {
            if (CachedBytes + bytes <= CapacityBytes)
            {
                if (!_free.TryGetValue(bytes, out var stack))
                {
                    stack = new Stack<NativeBuffer>();
                    _free[bytes] = stack;
                }

                stack.Push(buffer);
                CachedBytes += bytes;
                return;
            }
        }

        buffer.Dispose();
    }

    /// <summary>Frees every cached buffer (<c>mdl_free</c>).</summary>
    public void Trim()
    {
        List<NativeBuffer> all;
        lock (_gate)
        {
            all = [];
            foreach (var stack in _free.Values)
            {
                all.AddRange(stack);
                stack.Clear();
            }

            CachedBytes = 0;
        }

        foreach (var b in all)
        {
            b.Dispose();
        }
    }
}

/// <summary>
/// A buffer of a <see cref="NativeBackend"/>: host memory (CPU build) or device memory (CUDA build).
/// <see cref="Storage.Dispose()"/> gives the memory back to the backend's cache for the next allocation of the same
/// size; a storage nobody disposed is freed by its <see cref="NativeBuffer"/>'s finalizer (<c>mdl_free</c>).
/// </summary>
public sealed class NativeStorage : Storage
{
    private readonly NativeBufferPool? _pool;
    private NativeBuffer? _buffer;
    private bool _disposed;

    internal NativeStorage(NativeBackend backend, long length, NativeBuffer? buffer, NativeBufferPool? pool)
        : base(backend, length)
    {
        _buffer = buffer;
        _pool = pool;
    }

    /// <summary>True once disposed; kernels then refuse the storage.</summary>
    public bool IsDisposed => _disposed;

    /// <summary>
    /// True when the storage's value is all zeros but the zeros are not written yet (<see cref="NativeBackend"/>'s
    /// deferred zero fill): the first kernel that reads it writes them, and a kernel that would add onto it with a
    /// factor beta runs with beta = 0 instead.
    /// </summary>
    internal bool PendingZero { get; set; }

    /// <summary>The native pointer (<c>0</c> for an empty buffer). Valid while the storage is alive and not disposed.</summary>
    internal nint Pointer => _buffer is null ? nint.Zero : _buffer.DangerousGetHandle();

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        var b = _buffer;
        _buffer = null;
        if (disposing && b is not null)
        {
            if (_pool is not null)
            {
                _pool.Return(b);
            }
            else
            {
                b.Dispose();
            }
        }

        base.Dispose(disposing);
    }
}
