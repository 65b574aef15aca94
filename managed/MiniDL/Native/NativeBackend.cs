using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace MiniDL.Native;

/// <summary>
/// A backend whose kernels are the native library's <c>mdl_*</c> functions (native/include/minidl.h): the CPU build
/// (<see cref="Name"/> "cpu") or the CUDA build ("cuda"), in float32 or float64. Each method checks the buffer lengths
/// in C# first (an <see cref="ArgumentException"/> naming the kernel, the buffer and both lengths, as
/// <see cref="ReferenceBackend"/> does), then makes one call through the function table and turns a failed status
/// into an exception (<see cref="NativeApi.Check"/>). The hot path allocates nothing managed.
/// Get one from <see cref="BackendRegistry"/>.
/// </summary>
public sealed unsafe class NativeBackend : IBackend
{
    private readonly NativeApi _api;
    private readonly int _dt;
    private readonly int _elementSize;

    /// <summary>Wraps a loaded library for one element type.</summary>
    /// <param name="api">The library's function table.</param>
    /// <param name="dtype">The element type of every buffer.</param>
    /// <param name="device">What <c>mdl_device_info_get</c> reported.</param>
    internal NativeBackend(NativeApi api, DType dtype, NativeDeviceInfo device)
    {
        _api = api;
        DType = dtype;
        _dt = (int)dtype;
        _elementSize = dtype == DType.Float32 ? sizeof(float) : sizeof(double);
        DeviceInfo = device;
    }

    /// <summary>"cpu" or "cuda".</summary>
    public string Name => _api.Flavor;

    /// <inheritdoc/>
    public DType DType { get; }

    /// <summary>The device (CUDA) or the CPU model and worker threads (CPU build).</summary>
    public NativeDeviceInfo DeviceInfo { get; }

    /// <summary>The file the library was loaded from.</summary>
    public string LibraryPath => _api.Path;

    /// <summary>The library's <c>mdl_abi_version()</c>.</summary>
    public int AbiVersion => _api.AbiVersion;

    /// <summary>The function table (for code that calls a kernel IBackend does not have, e.g. <c>mdl_adam_step_multi</c>).</summary>
    public NativeApi Api => _api;

    /// <summary>Bytes held in the allocation cache of this library (shared by its float32 and float64 backends).</summary>
    public long CachedBytes => _api.Pool.CachedBytes;

    /// <summary>The most bytes the allocation cache keeps (512 MiB by default).</summary>
    public long CacheCapacityBytes
    {
        get => _api.Pool.CapacityBytes;
        set => _api.Pool.CapacityBytes = value;
    }

    /// <summary>Frees every cached buffer now.</summary>
    public void TrimCache() => _api.Pool.Trim();

    /// <summary>Worker threads of the CPU build: n &gt; 0 fixes the count, 0 is auto (docs/threads.md); ignored by the CUDA build.</summary>
    public void SetThreads(int threads) => _api.Check(_api.mdl_set_threads(threads));

    /// <summary>
    /// Starts (<paramref name="on"/> true) or stops timing this thread's native calls per <see cref="KernelFamily"/>;
    /// either way the counters restart at zero (<c>mdl_profile</c>, used by <c>minidl bench --profile</c>).
    /// </summary>
    public void Profile(bool on) => _api.Check(_api.mdl_profile(on ? 1 : 0));

    /// <summary>Seconds spent in, and number of, this thread's native calls of <paramref name="family"/> since <c>Profile(true)</c>.</summary>
    public (double Seconds, long Calls) ProfileOf(KernelFamily family)
    {
        double seconds;
        long calls;
        _api.Check(_api.mdl_profile_read((int)family, &seconds, &calls));
        return (seconds, calls);
    }

    /// <summary>"cpu-f32", "cuda-f64" …: the name with the element type, for messages.</summary>
    public override string ToString() => $"{Name}-{(DType == DType.Float32 ? "f32" : "f64")}";

    // ---- buffer checks: cheap on success; the messages are built only on the throw path ----

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private nint P(Storage s, string op, string name)
    {
        var ns = Own(s, op, name);
        if (ns.PendingZero)
        {
            WriteZeros(ns);
        }

        return ns.Pointer;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private NativeStorage Own(Storage s, string op, string name)
    {
        if (s is NativeStorage ns && ReferenceEquals(ns.Backend, this) && !ns.IsDisposed)
        {
            return ns;
        }

        throw Foreign(s, op, name);
    }

    private NativeStorage Own(Storage s, string op, string name, long expected)
    {
        var ns = Own(s, op, name);
        if (s.Length != expected)
        {
            throw WrongLength(s, op, name, expected);
        }

        return ns;
    }

    // ---- the deferred zero fill ----
    //
    // Backpropagation sets every gradient to 0 and then adds into it (the copy rule), and most of those gradients are
    // first reached by a kernel that adds with a factor beta: dW += Xᵀ dZ (gemm), db += column sums of dZ. Writing the
    // zeros and then reading them back is a pass over the buffer for nothing. So Fill(x, 0) only marks x
    // (NativeStorage.PendingZero); a kernel that takes x with a beta (Gemm's c, ColumnSums, RowSums, Sum: Accumulator)
    // runs with beta = 0, which writes without reading, Axpy(1, d, x) becomes a copy, and any other use writes the
    // zeros first (P). The values are the same as filling at once; what changes is the number of passes over memory.

    private void WriteZeros(NativeStorage s)
    {
        _api.Check(_api.mdl_fill(_dt, s.Length, s.Pointer, 0.0));
        s.PendingZero = false;
    }

    /// <summary>
    /// The output of a kernel that computes <c>y = beta y + …</c>: its checked storage, and the beta to pass (0 when
    /// y's zeros are pending). Call <see cref="Accumulated"/> after the kernel succeeded.
    /// </summary>
    private NativeStorage Accumulator(Storage y, string op, string name, long expected, ref double beta)
    {
        var ns = Own(y, op, name, expected);
        if (ns.PendingZero)
        {
            beta = 0;
        }

        return ns;
    }

    /// <summary>After the kernel on an <see cref="Accumulator"/> returned success: its output holds the result now.</summary>
    private static void Accumulated(NativeStorage y) => y.PendingZero = false;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private nint P(Storage s, string op, string name, long expected)
    {
        nint p = P(s, op, name);
        if (s.Length != expected)
        {
            throw WrongLength(s, op, name, expected);
        }

        return p;
    }

    private nint POptional(Storage? s, string op, string name, long expected) => s is null ? nint.Zero : P(s, op, name, expected);

    private Exception Foreign(Storage s, string op, string name)
    {
        if (s is NativeStorage { IsDisposed: true } && ReferenceEquals(s.Backend, this))
        {
            return new ObjectDisposedException(name, $"{op}: buffer '{name}' was disposed.");
        }

        string other = s.Backend is NativeBackend nb ? nb.ToString() : s.Backend.Name;
        return new ArgumentException($"{op}: buffer '{name}' belongs to backend '{other}', not '{this}'.", name);
    }

    private static ArgumentException WrongLength(Storage s, string op, string name, long expected)
        => new($"{op}: buffer '{name}' has {s.Length} elements, the shape needs {expected}.", name);

    /// <summary>
    /// After one native call: throws if <paramref name="status"/> failed (<see cref="NativeApi.Check"/>), and keeps
    /// the storages whose pointers the call used reachable until it returned. (A storage's finalizer returns its
    /// buffer to the pool; without this the GC may run it while the kernel still reads the pointer, because
    /// after <c>P(x, …)</c> nothing else refers to <c>x</c>.) The call is the first argument, so it runs before
    /// the storages are passed here.
    /// </summary>
    private void Done(int status, Storage a, Storage? b = null, Storage? c = null, Storage? d = null, Storage? e = null)
    {
        GC.KeepAlive(a);
        GC.KeepAlive(b);
        GC.KeepAlive(c);
        GC.KeepAlive(d);
        GC.KeepAlive(e);
        _api.Check(status);
    }

    private static void CheckShape(string op, int rows, int cols)
    {
        if (rows < 0 || cols < 0)
        {
            throw new ArgumentException($"{op}: shape ({rows}, {cols}) has a negative dimension.");
        }
    }

    // ---- memory ----

    /// <inheritdoc/>
    public Storage Allocate(long length)
    {
        if (length < 0)
        {
            throw new ArgumentException($"allocate: length {length} is negative.", nameof(length));
        }

        if (length == 0)
        {
            return new NativeStorage(this, 0, null, null);
        }

        return new NativeStorage(this, length, _api.Pool.Rent(length * _elementSize), _api.Pool);
    }

    /// <inheritdoc/>
    public void Upload(ReadOnlySpan<double> source, Storage destination)
    {
        nint d = P(destination, "upload", "destination", source.Length);
        if (DType == DType.Float64)
        {
            ToDevice<double, double>(source, d);
        }
        else
        {
            ToDevice<double, float>(source, d);
        }

        GC.KeepAlive(destination);
    }

    /// <inheritdoc/>
    public void UploadRows(ReadOnlySpan<double> source, int columns, ReadOnlySpan<int> rows, Storage destination)
    {
        IBackend.RequireRows(source, columns, rows);
        nint d = P(destination, "upload rows", "destination", (long)rows.Length * columns);
        fixed (double* s = source)
        fixed (int* r = rows)
        {
            _api.Check(_api.mdl_copy_rows_to_device(_dt, rows.Length, columns, s, source.Length / columns, r, d));
        }

        GC.KeepAlive(destination);
    }

    /// <inheritdoc/>
    public void GatherRows(Storage source, int columns, ReadOnlySpan<int> rows, Storage destination)
    {
        nint s = P(source, "gather rows", "source");
        nint d = P(destination, "gather rows", "destination", (long)rows.Length * columns);
        IBackend.RequireRows(source, columns, rows, destination);
        fixed (int* r = rows)
        {
            Done(_api.mdl_gather_rows(_dt, rows.Length, columns, s, source.Length / columns, r, d), source, destination);
        }
    }

    /// <inheritdoc/>
    public void Upload(ReadOnlySpan<float> source, Storage destination)
    {
        nint d = P(destination, "upload", "destination", source.Length);
        if (DType == DType.Float32)
        {
            ToDevice<float, float>(source, d);
        }
        else
        {
            ToDevice<float, double>(source, d);
        }

        GC.KeepAlive(destination);
    }

    /// <inheritdoc/>
    public void Download(Storage source, Span<double> destination)
    {
        nint s = P(source, "download", "source", destination.Length);
        if (DType == DType.Float64)
        {
            ToHost<double, double>(s, destination);
        }
        else
        {
            ToHost<float, double>(s, destination);
        }

        GC.KeepAlive(source);
    }

    // Host values of type TSource into a device buffer of TDevice: one copy when the types agree, else converted
    // (double → float rounds to nearest) through a pooled host array.
    private void ToDevice<TSource, TDevice>(ReadOnlySpan<TSource> source, nint device)
        where TSource : unmanaged, INumberBase<TSource>
        where TDevice : unmanaged, INumberBase<TDevice>
    {
        if (source.Length == 0)
        {
            return;
        }

        if (typeof(TSource) == typeof(TDevice))
        {
            fixed (TSource* s = source)
            {
                _api.Check(_api.mdl_copy_to_device(device, s, (nuint)((long)source.Length * sizeof(TSource))));
            }

            return;
        }

        const int Chunk = 1 << 18;                     // converted a chunk at a time: a big upload needs no big host array
        TDevice[] tmp = ArrayPool<TDevice>.Shared.Rent(Math.Min(source.Length, Chunk));
        try
        {
            for (int at = 0; at < source.Length; at += Chunk)
            {
                int n = Math.Min(Chunk, source.Length - at);
                Convert(source.Slice(at, n), tmp.AsSpan(0, n));
                fixed (TDevice* s = tmp)
                {
                    _api.Check(_api.mdl_copy_to_device(device + (nint)((long)at * sizeof(TDevice)), s, (nuint)((long)n * sizeof(TDevice))));
                }
            }
        }
        finally
        {
            ArrayPool<TDevice>.Shared.Return(tmp);
        }
    }

    // destination[i] = (TDevice)source[i] for two different element types (ToDevice copies equal ones as they are);
    // double → float 8 at a time where the CPU has 256-bit vectors.
    private static void Convert<TSource, TDevice>(ReadOnlySpan<TSource> source, Span<TDevice> destination)
        where TSource : unmanaged, INumberBase<TSource>
        where TDevice : unmanaged, INumberBase<TDevice>
    {
        int i = 0;
        if (typeof(TSource) == typeof(double) && typeof(TDevice) == typeof(float) && Vector256.IsHardwareAccelerated)
        {
            var s = MemoryMarshal.Cast<TSource, double>(source);
            var d = MemoryMarshal.Cast<TDevice, float>(destination);
            for (; i + 8 <= s.Length; i += 8)
            {
                Vector256.Narrow(Vector256.Create(s.Slice(i, 4)), Vector256.Create(s.Slice(i + 4, 4))).CopyTo(d.Slice(i, 8));
            }
        }

        for (; i < source.Length; i++)
        {
            destination[i] = TDevice.CreateTruncating(source[i]);
        }
    }

    // A device buffer of TDevice into host values of type THost, the other way round.
    private void ToHost<TDevice, THost>(nint device, Span<THost> destination)
        where TDevice : unmanaged, INumberBase<TDevice>
        where THost : unmanaged, INumberBase<THost>
    {
        if (destination.Length == 0)
        {
            return;
        }

        if (typeof(TDevice) == typeof(THost))
        {
            fixed (THost* d = destination)
            {
                _api.Check(_api.mdl_copy_to_host(d, device, (nuint)((long)destination.Length * sizeof(THost))));
            }

            return;
        }

        TDevice[] tmp = ArrayPool<TDevice>.Shared.Rent(destination.Length);
        try
        {
            fixed (TDevice* d = tmp)
            {
                _api.Check(_api.mdl_copy_to_host(d, device, (nuint)((long)destination.Length * sizeof(TDevice))));
            }

            for (int i = 0; i < destination.Length; i++)
            {
                destination[i] = THost.CreateTruncating(tmp[i]);
            }
        }
        finally
        {
            ArrayPool<TDevice>.Shared.Return(tmp);
        }
    }

    /// <inheritdoc/>
    public void Copy(Storage source, Storage destination)
    {
        nint s = P(source, "copy", "source");
        nint d = P(destination, "copy", "destination", source.Length);
        Done(_api.mdl_copy_device(d, s, (nuint)(source.Length * _elementSize)), source, destination);
    }

    // ---- element-wise ----

    /// <inheritdoc/>
    public void Fill(Storage x, double value)
    {
        var xs = Own(x, "fill", "x");
        if (BitConverter.DoubleToInt64Bits(value) == 0)
        {
            xs.PendingZero = xs.Length > 0;          // +0.0: written by the first kernel that reads x (see WriteZeros)
            return;
        }

        xs.PendingZero = false;                      // every element is overwritten: the pending zeros are moot
        Done(_api.mdl_fill(_dt, x.Length, xs.Pointer, value), x);
    }

    /// <inheritdoc/>
    public void Scale(double alpha, Storage y)
    {
        Done(_api.mdl_scale(_dt, y.Length, alpha, P(y, "scale", "y")), y);
    }

    /// <inheritdoc/>
    public void Axpy(double alpha, Storage x, Storage y)
    {
        long n = x.Length;
        nint xp = P(x, "axpy", "x");
        var ys = Own(y, "axpy", "y", n);
        if (ys.PendingZero && alpha == 1)
        {
            Done(_api.mdl_copy_device(ys.Pointer, xp, (nuint)(n * _elementSize)), x, y); // 0 + x: a copy (see WriteZeros)
            ys.PendingZero = false;
            return;
        }

        Done(_api.mdl_axpy(_dt, n, alpha, xp, P(y, "axpy", "y", n)), x, y);
    }

    /// <inheritdoc/>
    public void Map(UnaryOp op, Storage x, Storage y, double p = 0)
    {
        long n = x.Length;
        Done(_api.mdl_map(_dt, (int)op, n, P(x, "map", "x"), P(y, "map", "y", n), p), x, y);
    }

    /// <inheritdoc/>
    public void MapBackward(UnaryOp op, Storage x, Storage y, Storage dy, Storage dx, double p = 0)
    {
        const string K = "map_backward";
        long n = x.Length;
        Done(_api.mdl_map_backward(_dt, (int)op, n, P(x, K, "x"), P(y, K, "y", n), P(dy, K, "dy", n), P(dx, K, "dx", n), p), x, y, dy, dx);
    }

    /// <inheritdoc/>
    public void Zip(BinaryOp op, Storage a, Storage b, Storage c)
    {
        long n = a.Length;
        Done(_api.mdl_zip(_dt, (int)op, n, P(a, "zip", "a"), P(b, "zip", "b", n), P(c, "zip", "c", n)), a, b, c);
    }

    /// <inheritdoc/>
    public void ZipBackward(BinaryOp op, Storage a, Storage b, Storage dc, Storage? da, Storage? db)
    {
        const string K = "zip_backward";
        long n = a.Length;
        Done(_api.mdl_zip_backward(_dt, (int)op, n, P(a, K, "a"), P(b, K, "b", n), P(dc, K, "dc", n),
            POptional(da, K, "da", n), POptional(db, K, "db", n)), a, b, dc, da, db);
    }

    /// <inheritdoc/>
    public void ZipRowBroadcast(BinaryOp op, int rows, int cols, Storage x, Storage r, Storage y)
    {
        const string K = "zip_row_broadcast";
        CheckShape(K, rows, cols);
        long n = (long)rows * cols;
        Done(_api.mdl_zip_row_broadcast(_dt, (int)op, rows, cols, P(x, K, "x", n), P(r, K, "r", cols), P(y, K, "y", n)), x, r, y);
    }

    /// <inheritdoc/>
    public void ZipRowBroadcastBackward(BinaryOp op, int rows, int cols, Storage x, Storage r, Storage dy, Storage? dx, Storage? dr)
    {
        const string K = "zip_row_broadcast_backward";
        CheckShape(K, rows, cols);
        long n = (long)rows * cols;
        Done(_api.mdl_zip_row_broadcast_backward(_dt, (int)op, rows, cols, P(x, K, "x", n), P(r, K, "r", cols), P(dy, K, "dy", n),
            POptional(dx, K, "dx", n), POptional(dr, K, "dr", cols)), x, r, dy, dx, dr);
    }

    /// <inheritdoc/>
    public void ZipColumnBroadcast(BinaryOp op, int rows, int cols, Storage x, Storage c, Storage y)
    {
        const string K = "zip_column_broadcast";
        CheckShape(K, rows, cols);
        long n = (long)rows * cols;
        Done(_api.mdl_zip_column_broadcast(_dt, (int)op, rows, cols, P(x, K, "x", n), P(c, K, "c", rows), P(y, K, "y", n)), x, c, y);
    }

    /// <inheritdoc/>
    public void ZipColumnBroadcastBackward(BinaryOp op, int rows, int cols, Storage x, Storage c, Storage dy, Storage? dx, Storage? dc)
    {
        const string K = "zip_column_broadcast_backward";
        CheckShape(K, rows, cols);
        long n = (long)rows * cols;
        Done(_api.mdl_zip_column_broadcast_backward(_dt, (int)op, rows, cols, P(x, K, "x", n), P(c, K, "c", rows), P(dy, K, "dy", n),
            POptional(dx, K, "dx", n), POptional(dc, K, "dc", rows)), x, c, dy, dx, dc);
    }

    // ---- bias and reductions ----

    /// <inheritdoc/>
    public void AddBias(UnaryOp activation, int rows, int cols, Storage x, Storage b, Storage y, double p = 0)
    {
        const string K = "add_bias";
        CheckShape(K, rows, cols);
        long n = (long)rows * cols;
        Done(_api.mdl_add_bias(_dt, (int)activation, rows, cols, P(x, K, "x", n), P(b, K, "b", cols), P(y, K, "y", n), p), x, b, y);
    }

    /// <inheritdoc/>
    public void ColumnSums(int rows, int cols, Storage x, double beta, Storage y)
    {
        const string K = "column_sums";
        CheckShape(K, rows, cols);
        var ys = Accumulator(y, K, "y", cols, ref beta);
        Done(_api.mdl_column_sums(_dt, rows, cols, P(x, K, "x", (long)rows * cols), beta, ys.Pointer), x, y);
        Accumulated(ys);
    }

    /// <inheritdoc/>
    public void RowSums(int rows, int cols, Storage x, double beta, Storage y)
    {
        const string K = "row_sums";
        CheckShape(K, rows, cols);
        var ys = Accumulator(y, K, "y", rows, ref beta);
        Done(_api.mdl_row_sums(_dt, rows, cols, P(x, K, "x", (long)rows * cols), beta, ys.Pointer), x, y);
        Accumulated(ys);
    }

    /// <inheritdoc/>
    public void Sum(Storage x, double beta, Storage result)
    {
        var rs = Accumulator(result, "sum", "result", 1, ref beta);
        Done(_api.mdl_sum(_dt, x.Length, P(x, "sum", "x"), beta, rs.Pointer), x, result);
        Accumulated(rs);
    }

    // ---- matrix products ----

    /// <inheritdoc/>
    public void Gemm(bool transposeA, bool transposeB, int m, int n, int k, double alpha, Storage a, Storage b, double beta, Storage c)
    {
        if (m < 0 || n < 0 || k < 0)
        {
            throw new ArgumentException($"gemm: m={m}, n={n}, k={k} must not be negative.");
        }

        var cs = Accumulator(c, "gemm", "c", (long)m * n, ref beta);
        Done(_api.mdl_gemm(_dt, transposeA ? 1 : 0, transposeB ? 1 : 0, m, n, k, alpha,
            P(a, "gemm", "a", (long)m * k), P(b, "gemm", "b", (long)k * n), beta, cs.Pointer), a, b, c);
        Accumulated(cs);
    }

    /// <inheritdoc/>
    public void Transpose(int rows, int cols, Storage x, Storage y)
    {
        const string K = "transpose";
        CheckShape(K, rows, cols);
        long n = (long)rows * cols;
        Done(_api.mdl_transpose(_dt, rows, cols, P(x, K, "x", n), P(y, K, "y", n)), x, y);
    }

    // ---- softmax and the fused loss ----

    /// <inheritdoc/>
    public void Softmax(int rows, int cols, Storage x, Storage y)
    {
        const string K = "softmax";
        CheckShape(K, rows, cols);
        long n = (long)rows * cols;
        Done(_api.mdl_softmax(_dt, rows, cols, P(x, K, "x", n), P(y, K, "y", n)), x, y);
    }

    /// <inheritdoc/>
    public void LogSoftmax(int rows, int cols, Storage x, Storage y)
    {
        const string K = "log_softmax";
        CheckShape(K, rows, cols);
        long n = (long)rows * cols;
        Done(_api.mdl_log_softmax(_dt, rows, cols, P(x, K, "x", n), P(y, K, "y", n)), x, y);
    }

    /// <inheritdoc/>
    public void SoftmaxBackward(int rows, int cols, Storage y, Storage dy, Storage dx)
    {
        const string K = "softmax_backward";
        CheckShape(K, rows, cols);
        long n = (long)rows * cols;
        Done(_api.mdl_softmax_backward(_dt, rows, cols, P(y, K, "y", n), P(dy, K, "dy", n), P(dx, K, "dx", n)), y, dy, dx);
    }

    /// <inheritdoc/>
    public void LogSoftmaxBackward(int rows, int cols, Storage y, Storage dy, Storage dx)
    {
        const string K = "log_softmax_backward";
        CheckShape(K, rows, cols);
        long n = (long)rows * cols;
        Done(_api.mdl_log_softmax_backward(_dt, rows, cols, P(y, K, "y", n), P(dy, K, "dy", n), P(dx, K, "dx", n)), y, dy, dx);
    }

    /// <inheritdoc/>
    public void SoftmaxCrossEntropy(int rows, int cols, Storage logits, Storage targets, Storage? probs, Storage loss)
    {
        const string K = "softmax_xent";
        CheckShape(K, rows, cols);
        long n = (long)rows * cols;
        Done(_api.mdl_softmax_xent(_dt, rows, cols, P(logits, K, "logits", n), P(targets, K, "targets", n),
            POptional(probs, K, "probs", n), P(loss, K, "loss", rows)), logits, targets, probs, loss);
    }

    /// <inheritdoc/>
    public void SoftmaxCrossEntropyBackward(int rows, int cols, Storage probs, Storage targets, Storage dloss, Storage dlogits)
    {
        const string K = "softmax_xent_backward";
        CheckShape(K, rows, cols);
        long n = (long)rows * cols;
        Done(_api.mdl_softmax_xent_backward(_dt, rows, cols, P(probs, K, "probs", n), P(targets, K, "targets", n),
            P(dloss, K, "dloss", rows), P(dlogits, K, "dlogits", n)), probs, targets, dloss, dlogits);
    }

    // ---- dropout ----

    /// <inheritdoc/>
    public void DropoutMask(double p, ulong seed, Storage mask)
    {
        if (!(p >= 0 && p < 1))
        {
            throw new ArgumentException($"dropout_mask: p = {p} must be in [0, 1).", nameof(p));
        }

        Done(_api.mdl_dropout_mask(_dt, mask.Length, p, seed, P(mask, "dropout_mask", "mask")), mask);
    }

    // ---- optimizer steps ----

    /// <inheritdoc/>
    public void SgdStep(double lr, Storage g, Storage w)
    {
        long n = g.Length;
        Done(_api.mdl_sgd_step(_dt, n, lr, P(g, "sgd_step", "g"), P(w, "sgd_step", "w", n)), g, w);
    }

    /// <inheritdoc/>
    public void MomentumStep(double lr, double beta, Storage g, Storage v, Storage w)
    {
        const string K = "momentum_step";
        long n = g.Length;
        Done(_api.mdl_momentum_step(_dt, n, lr, beta, P(g, K, "g"), P(v, K, "v", n), P(w, K, "w", n)), g, v, w);
    }

    /// <inheritdoc/>
    public void AdamStep(double lr, double beta1, double beta2, double epsilon, long t, Storage g, Storage m, Storage v, Storage w)
    {
        const string K = "adam_step";
        if (t < 1)
        {
            throw new ArgumentException($"adam_step: step t = {t} must be at least 1.", nameof(t));
        }

        long n = g.Length;
        Done(_api.mdl_adam_step(_dt, n, lr, beta1, beta2, epsilon, t, P(g, K, "g"), P(m, K, "m", n), P(v, K, "v", n), P(w, K, "w", n)), g, m, v, w);
    }

    /// <inheritdoc/>
    /// <remarks>No native kernel: <c>mdl_scale</c> then three <c>mdl_axpy</c> (v ← βv, v += lr·g, w −= βv, w −= lr·g).</remarks>
    public void NesterovStep(double lr, double beta, Storage g, Storage v, Storage w)
    {
        Scale(beta, v);
        Axpy(lr, g, v);
        Axpy(-beta, v, w);
        Axpy(-lr, g, w);
    }

    /// <inheritdoc/>
    /// <remarks>
    /// One native call for all tensors, <c>mdl_adam_step_multi</c> (one launch on CUDA): the lengths and the buffer
    /// pointers go in pooled arrays, so a step allocates nothing managed.
    /// </remarks>
    public void AdamStep(double lr, double beta1, double beta2, double epsilon, long t,
        ReadOnlySpan<Storage> g, ReadOnlySpan<Storage> m, ReadOnlySpan<Storage> v, ReadOnlySpan<Storage> w)
    {
        const string K = "adam_step_multi";
        if (t < 1)
        {
            throw new ArgumentException($"{K}: step t = {t} must be at least 1.", nameof(t));
        }

        IBackend.RequireOneEntryPerTensor(K, [g.Length, m.Length, v.Length, w.Length]);
        int count = g.Length;
        if (count == 0)
        {
            return;
        }

        long[] lengths = ArrayPool<long>.Shared.Rent(count);
        nint[] ptrs = ArrayPool<nint>.Shared.Rent(4 * count);
        try
        {
            for (int i = 0; i < count; i++)
            {
                long n = g[i].Length;
                lengths[i] = n;
                ptrs[i] = P(g[i], K, "g");
                ptrs[count + i] = P(m[i], K, "m", n);
                ptrs[2 * count + i] = P(v[i], K, "v", n);
                ptrs[3 * count + i] = P(w[i], K, "w", n);
            }

            fixed (long* len = lengths)
            fixed (nint* p = ptrs)
            {
                _api.Check(_api.mdl_adam_step_multi(_dt, count, len, lr, beta1, beta2, epsilon, t, p, p + count, p + 2 * count, p + 3 * count));
            }
        }
        finally
        {
            ArrayPool<long>.Shared.Return(lengths);
            ArrayPool<nint>.Shared.Return(ptrs);
        }

        for (int i = 0; i < count; i++)
        {
            GC.KeepAlive(g[i]);
            GC.KeepAlive(m[i]);
            GC.KeepAlive(v[i]);
            GC.KeepAlive(w[i]);
        }
    }

    /// <summary>
    /// Adam over several parameter tensors in one call (<c>mdl_adam_step_multi</c>): the multi-tensor
    /// <see cref="AdamStep(double, double, double, double, long, ReadOnlySpan{Storage}, ReadOnlySpan{Storage}, ReadOnlySpan{Storage}, ReadOnlySpan{Storage})"/>
    /// for lists (copies them; optimizers call the span form).
    /// </summary>
    public void AdamStepMulti(double lr, double beta1, double beta2, double epsilon, long t,
        IReadOnlyList<Storage> g, IReadOnlyList<Storage> m, IReadOnlyList<Storage> v, IReadOnlyList<Storage> w)
        => AdamStep(lr, beta1, beta2, epsilon, t, g.ToArray(), m.ToArray(), v.ToArray(), w.ToArray());

    /// <inheritdoc/>
    public void Synchronize() => _api.Check(_api.mdl_synchronize());
}
