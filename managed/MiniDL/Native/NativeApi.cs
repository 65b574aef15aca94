// How C# calls the C ABI of native/include/minidl.h.
//
// Design choice: a table of unmanaged function pointers per loaded library, not [LibraryImport]
// declarations, because the CPU and the CUDA builds of one ABI must load side by side in one process.
//
// MiniDL has two builds of the same ABI, libminidl_cpu and libminidl_cuda, and one process must be able
// to load both at once (the test suite runs cpu and cuda cases side by side; `minidl bench` times both).
// A [LibraryImport("name")] declaration is bound to ONE library name, so two builds would need every
// declaration twice (two partial classes, kept in step by a generator script and a drift test) plus an
// interface with static wrappers to choose between them at run time. A table of function pointers says
// the same thing once: NativeApi below has one field per mdl_* function, in the header's order and with
// the header's names, and one instance per loaded library is filled from NativeLibrary.GetExport. A
// backend calls `api.mdl_fill(...)` and reaches whichever build it was created with.
//
// The pointers are `delegate* unmanaged[Cdecl]` with blittable parameters only (int, long, double,
// nint, nuint, byte*, a blittable struct pointer), so no marshalling code is generated or needed, nothing
// is reflected on (the CLI is trimmed / AOT-friendly), and a call costs what a LibraryImport call costs.
// tests/MiniDL.Tests/Native/NativeApiTests.cs parses the header and checks that every MDL_API function has
// a field here with the same name, order, parameter count and parameter types, so the two cannot drift apart.
using System.Runtime.InteropServices;

namespace MiniDL.Native;

/// <summary>
/// The function table of one loaded native build (CPU or CUDA): one field per <c>mdl_*</c> function of
/// native/include/minidl.h, same names, same order. Get one from <see cref="NativeLibraryResolver.TryLoad"/>.
/// </summary>
/// <remarks>
/// Conventions of the mapping: <c>mdl_status</c>, <c>mdl_dtype</c> and the op enums are <see cref="int"/>;
/// <c>int64_t</c> is <see cref="long"/>; <c>size_t</c> is <see cref="nuint"/>; a buffer (<c>void*</c>) is
/// <see cref="nint"/>; <c>const char*</c> is <c>byte*</c> (UTF-8, NUL-terminated).
/// </remarks>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Style", "IDE1006:Naming Styles", Justification = "Field names are the C function names.")]
public sealed unsafe class NativeApi
{
    /// <summary>The ABI version this binding was written against (<c>MDL_ABI_VERSION</c> in minidl.h).</summary>
    public const int ExpectedAbiVersion = 4;

    // ---- library ----

    /// <summary><c>int32_t mdl_abi_version(void)</c>.</summary>
    public readonly delegate* unmanaged[Cdecl]<int> mdl_abi_version;

    /// <summary><c>const char* mdl_last_error(void)</c>.</summary>
    public readonly delegate* unmanaged[Cdecl]<byte*> mdl_last_error;

    /// <summary><c>mdl_status mdl_device_info_get(mdl_device_info* out)</c>.</summary>
    public readonly delegate* unmanaged[Cdecl]<MdlDeviceInfo*, int> mdl_device_info_get;

    /// <summary><c>mdl_status mdl_set_threads(int32_t threads)</c>.</summary>
    public readonly delegate* unmanaged[Cdecl]<int, int> mdl_set_threads;

    /// <summary><c>mdl_status mdl_synchronize(void)</c>.</summary>
    public readonly delegate* unmanaged[Cdecl]<int> mdl_synchronize;

    // ---- profile ----

    /// <summary><c>mdl_status mdl_profile(int32_t on)</c>.</summary>
    public readonly delegate* unmanaged[Cdecl]<int, int> mdl_profile;

    /// <summary><c>mdl_status mdl_profile_read(int32_t family, double* seconds, int64_t* calls)</c>.</summary>
    public readonly delegate* unmanaged[Cdecl]<int, double*, long*, int> mdl_profile_read;

    // ---- memory ----

    /// <summary><c>mdl_status mdl_alloc(size_t bytes, void** out)</c>.</summary>
    public readonly delegate* unmanaged[Cdecl]<nuint, nint*, int> mdl_alloc;

    /// <summary><c>mdl_status mdl_free(void* buffer)</c>.</summary>
    public readonly delegate* unmanaged[Cdecl]<nint, int> mdl_free;

    /// <summary><c>mdl_status mdl_copy_to_device(void* dst, const void* host_src, size_t bytes)</c>.</summary>
    public readonly delegate* unmanaged[Cdecl]<nint, void*, nuint, int> mdl_copy_to_device;

    /// <summary><c>mdl_status mdl_copy_to_host(void* host_dst, const void* src, size_t bytes)</c>.</summary>
    public readonly delegate* unmanaged[Cdecl]<void*, nint, nuint, int> mdl_copy_to_host;

    /// <summary><c>mdl_status mdl_copy_device(void* dst, const void* src, size_t bytes)</c>.</summary>
    public readonly delegate* unmanaged[Cdecl]<nint, nint, nuint, int> mdl_copy_device;

    /// <summary><c>mdl_copy_rows_to_device(dt, rows, cols, host_src, src_rows, host_rows, dst)</c>.</summary>
    public readonly delegate* unmanaged[Cdecl]<int, long, long, double*, long, int*, nint, int> mdl_copy_rows_to_device;

    /// <summary><c>mdl_gather_rows(dt, rows, cols, src, src_rows, host_rows, dst)</c>.</summary>
    public readonly delegate* unmanaged[Cdecl]<int, long, long, nint, long, int*, nint, int> mdl_gather_rows;

    // ---- element-wise ----

    /// <summary><c>mdl_fill(dt, n, x, value)</c>.</summary>
    public readonly delegate* unmanaged[Cdecl]<int, long, nint, double, int> mdl_fill;

    /// <summary><c>mdl_scale(dt, n, alpha, y)</c>.</summary>
    public readonly delegate* unmanaged[Cdecl]<int, long, double, nint, int> mdl_scale;

    /// <summary><c>mdl_axpy(dt, n, alpha, x, y)</c>.</summary>
    public readonly delegate* unmanaged[Cdecl]<int, long, double, nint, nint, int> mdl_axpy;

    /// <summary><c>mdl_map(dt, op, n, x, y, p)</c>.</summary>
    public readonly delegate* unmanaged[Cdecl]<int, int, long, nint, nint, double, int> mdl_map;

    /// <summary><c>mdl_map_backward(dt, op, n, x, y, dy, dx, p)</c>.</summary>
    public readonly delegate* unmanaged[Cdecl]<int, int, long, nint, nint, nint, nint, double, int> mdl_map_backward;

    /// <summary><c>mdl_zip(dt, op, n, a, b, c)</c>.</summary>
    public readonly delegate* unmanaged[Cdecl]<int, int, long, nint, nint, nint, int> mdl_zip;

    /// <summary><c>mdl_zip_backward(dt, op, n, a, b, dc, da, db)</c>.</summary>
    public readonly delegate* unmanaged[Cdecl]<int, int, long, nint, nint, nint, nint, nint, int> mdl_zip_backward;

    /// <summary><c>mdl_zip_row_broadcast(dt, op, rows, cols, x, r, y)</c>.</summary>
    public readonly delegate* unmanaged[Cdecl]<int, int, long, long, nint, nint, nint, int> mdl_zip_row_broadcast;

    /// <summary><c>mdl_zip_row_broadcast_backward(dt, op, rows, cols, x, r, dy, dx, dr)</c>.</summary>
    public readonly delegate* unmanaged[Cdecl]<int, int, long, long, nint, nint, nint, nint, nint, int> mdl_zip_row_broadcast_backward;

    /// <summary><c>mdl_zip_column_broadcast(dt, op, rows, cols, x, c, y)</c>.</summary>
    public readonly delegate* unmanaged[Cdecl]<int, int, long, long, nint, nint, nint, int> mdl_zip_column_broadcast;

    /// <summary><c>mdl_zip_column_broadcast_backward(dt, op, rows, cols, x, c, dy, dx, dc)</c>.</summary>
    public readonly delegate* unmanaged[Cdecl]<int, int, long, long, nint, nint, nint, nint, nint, int> mdl_zip_column_broadcast_backward;

    // ---- bias and reductions ----

    /// <summary><c>mdl_add_bias(dt, act, rows, cols, x, b, y, p)</c>.</summary>
    public readonly delegate* unmanaged[Cdecl]<int, int, long, long, nint, nint, nint, double, int> mdl_add_bias;

    /// <summary><c>mdl_column_sums(dt, rows, cols, x, beta, y)</c>.</summary>
    public readonly delegate* unmanaged[Cdecl]<int, long, long, nint, double, nint, int> mdl_column_sums;

    /// <summary><c>mdl_row_sums(dt, rows, cols, x, beta, y)</c>.</summary>
    public readonly delegate* unmanaged[Cdecl]<int, long, long, nint, double, nint, int> mdl_row_sums;

    /// <summary><c>mdl_sum(dt, n, x, beta, out)</c>.</summary>
    public readonly delegate* unmanaged[Cdecl]<int, long, nint, double, nint, int> mdl_sum;

    // ---- matrix products ----

    /// <summary><c>mdl_gemm(dt, trans_a, trans_b, m, n, k, alpha, a, b, beta, c)</c>.</summary>
    public readonly delegate* unmanaged[Cdecl]<int, int, int, long, long, long, double, nint, nint, double, nint, int> mdl_gemm;

    /// <summary><c>mdl_transpose(dt, rows, cols, x, y)</c>.</summary>
    public readonly delegate* unmanaged[Cdecl]<int, long, long, nint, nint, int> mdl_transpose;

    // ---- softmax and the fused loss ----

    /// <summary><c>mdl_softmax(dt, rows, cols, x, y)</c>.</summary>
    public readonly delegate* unmanaged[Cdecl]<int, long, long, nint, nint, int> mdl_softmax;

    /// <summary><c>mdl_log_softmax(dt, rows, cols, x, y)</c>.</summary>
    public readonly delegate* unmanaged[Cdecl]<int, long, long, nint, nint, int> mdl_log_softmax;

    /// <summary><c>mdl_softmax_backward(dt, rows, cols, y, dy, dx)</c>.</summary>
    public readonly delegate* unmanaged[Cdecl]<int, long, long, nint, nint, nint, int> mdl_softmax_backward;

    /// <summary><c>mdl_log_softmax_backward(dt, rows, cols, y, dy, dx)</c>.</summary>
    public readonly delegate* unmanaged[Cdecl]<int, long, long, nint, nint, nint, int> mdl_log_softmax_backward;

    /// <summary><c>mdl_softmax_xent(dt, rows, cols, logits, targets, probs, loss)</c>.</summary>
    public readonly delegate* unmanaged[Cdecl]<int, long, long, nint, nint, nint, nint, int> mdl_softmax_xent;

    /// <summary><c>mdl_softmax_xent_backward(dt, rows, cols, probs, targets, dloss, dlogits)</c>.</summary>
    public readonly delegate* unmanaged[Cdecl]<int, long, long, nint, nint, nint, nint, int> mdl_softmax_xent_backward;

    // ---- dropout ----

    /// <summary><c>mdl_dropout_mask(dt, n, p, seed, mask)</c>.</summary>
    public readonly delegate* unmanaged[Cdecl]<int, long, double, ulong, nint, int> mdl_dropout_mask;

    // ---- optimizer steps ----

    /// <summary><c>mdl_sgd_step(dt, n, lr, g, w)</c>.</summary>
    public readonly delegate* unmanaged[Cdecl]<int, long, double, nint, nint, int> mdl_sgd_step;

    /// <summary><c>mdl_momentum_step(dt, n, lr, beta, g, v, w)</c>.</summary>
    public readonly delegate* unmanaged[Cdecl]<int, long, double, double, nint, nint, nint, int> mdl_momentum_step;

    /// <summary><c>mdl_adam_step(dt, n, lr, beta1, beta2, eps, t, g, m, v, w)</c>.</summary>
    public readonly delegate* unmanaged[Cdecl]<int, long, double, double, double, double, long, nint, nint, nint, nint, int> mdl_adam_step;

    /// <summary><c>mdl_adam_step_multi(dt, count, lengths, lr, beta1, beta2, eps, t, g, m, v, w)</c>; the last four are host arrays of buffers.</summary>
    public readonly delegate* unmanaged[Cdecl]<int, int, long*, double, double, double, double, long, nint*, nint*, nint*, nint*, int> mdl_adam_step_multi;

    private NativeApi(nint handle, string path, string flavor)
    {
        Handle = handle;
        Path = path;
        Flavor = flavor;
        // One line per field, in the header's order; a missing export throws EntryPointNotFoundException naming it.
        mdl_abi_version = (delegate* unmanaged[Cdecl]<int>)Export(handle, "mdl_abi_version");
        mdl_last_error = (delegate* unmanaged[Cdecl]<byte*>)Export(handle, "mdl_last_error");
        mdl_device_info_get = (delegate* unmanaged[Cdecl]<MdlDeviceInfo*, int>)Export(handle, "mdl_device_info_get");
        mdl_set_threads = (delegate* unmanaged[Cdecl]<int, int>)Export(handle, "mdl_set_threads");
        mdl_synchronize = (delegate* unmanaged[Cdecl]<int>)Export(handle, "mdl_synchronize");
        mdl_profile = (delegate* unmanaged[Cdecl]<int, int>)Export(handle, "mdl_profile");
        mdl_profile_read = (delegate* unmanaged[Cdecl]<int, double*, long*, int>)Export(handle, "mdl_profile_read");
        mdl_alloc = (delegate* unmanaged[Cdecl]<nuint, nint*, int>)Export(handle, "mdl_alloc");
        mdl_free = (delegate* unmanaged[Cdecl]<nint, int>)Export(handle, "mdl_free");
        mdl_copy_to_device = (delegate* unmanaged[Cdecl]<nint, void*, nuint, int>)Export(handle, "mdl_copy_to_device");
        mdl_copy_to_host = (delegate* unmanaged[Cdecl]<void*, nint, nuint, int>)Export(handle, "mdl_copy_to_host");
        mdl_copy_device = (delegate* unmanaged[Cdecl]<nint, nint, nuint, int>)Export(handle, "mdl_copy_device");
        mdl_copy_rows_to_device = (delegate* unmanaged[Cdecl]<int, long, long, double*, long, int*, nint, int>)Export(handle, "mdl_copy_rows_to_device");
        mdl_gather_rows = (delegate* unmanaged[Cdecl]<int, long, long, nint, long, int*, nint, int>)Export(handle, "mdl_gather_rows");
        mdl_fill = (delegate* unmanaged[Cdecl]<int, long, nint, double, int>)Export(handle, "mdl_fill");
        mdl_scale = (delegate* unmanaged[Cdecl]<int, long, double, nint, int>)Export(handle, "mdl_scale");
        mdl_axpy = (delegate* unmanaged[Cdecl]<int, long, double, nint, nint, int>)Export(handle, "mdl_axpy");
        mdl_map = (delegate* unmanaged[Cdecl]<int, int, long, nint, nint, double, int>)Export(handle, "mdl_map");
        mdl_map_backward = (delegate* unmanaged[Cdecl]<int, int, long, nint, nint, nint, nint, double, int>)Export(handle, "mdl_map_backward");
        mdl_zip = (delegate* unmanaged[Cdecl]<int, int, long, nint, nint, nint, int>)Export(handle, "mdl_zip");
        mdl_zip_backward = (delegate* unmanaged[Cdecl]<int, int, long, nint, nint, nint, nint, nint, int>)Export(handle, "mdl_zip_backward");
        mdl_zip_row_broadcast = (delegate* unmanaged[Cdecl]<int, int, long, long, nint, nint, nint, int>)Export(handle, "mdl_zip_row_broadcast");
        mdl_zip_row_broadcast_backward = (delegate* unmanaged[Cdecl]<int, int, long, long, nint, nint, nint, nint, nint, int>)Export(handle, "mdl_zip_row_broadcast_backward");
        mdl_zip_column_broadcast = (delegate* unmanaged[Cdecl]<int, int, long, long, nint, nint, nint, int>)Export(handle, "mdl_zip_column_broadcast");
        mdl_zip_column_broadcast_backward = (delegate* unmanaged[Cdecl]<int, int, long, long, nint, nint, nint, nint, nint, int>)Export(handle, "mdl_zip_column_broadcast_backward");
        mdl_add_bias = (delegate* unmanaged[Cdecl]<int, int, long, long, nint, nint, nint, double, int>)Export(handle, "mdl_add_bias");
        mdl_column_sums = (delegate* unmanaged[Cdecl]<int, long, long, nint, double, nint, int>)Export(handle, "mdl_column_sums");
        mdl_row_sums = (delegate* unmanaged[Cdecl]<int, long, long, nint, double, nint, int>)Export(handle, "mdl_row_sums");
        mdl_sum = (delegate* unmanaged[Cdecl]<int, long, nint, double, nint, int>)Export(handle, "mdl_sum");
        mdl_gemm = (delegate* unmanaged[Cdecl]<int, int, int, long, long, long, double, nint, nint, double, nint, int>)Export(handle, "mdl_gemm");
        mdl_transpose = (delegate* unmanaged[Cdecl]<int, long, long, nint, nint, int>)Export(handle, "mdl_transpose");
        mdl_softmax = (delegate* unmanaged[Cdecl]<int, long, long, nint, nint, int>)Export(handle, "mdl_softmax");
        mdl_log_softmax = (delegate* unmanaged[Cdecl]<int, long, long, nint, nint, int>)Export(handle, "mdl_log_softmax");
        mdl_softmax_backward = (delegate* unmanaged[Cdecl]<int, long, long, nint, nint, nint, int>)Export(handle, "mdl_softmax_backward");
        mdl_log_softmax_backward = (delegate* unmanaged[Cdecl]<int, long, long, nint, nint, nint, int>)Export(handle, "mdl_log_softmax_backward");
        mdl_softmax_xent = (delegate* unmanaged[Cdecl]<int, long, long, nint, nint, nint, nint, int>)Export(handle, "mdl_softmax_xent");
        mdl_softmax_xent_backward = (delegate* unmanaged[Cdecl]<int, long, long, nint, nint, nint, nint, int>)Export(handle, "mdl_softmax_xent_backward");
        mdl_dropout_mask = (delegate* unmanaged[Cdecl]<int, long, double, ulong, nint, int>)Export(handle, "mdl_dropout_mask");
        mdl_sgd_step = (delegate* unmanaged[Cdecl]<int, long, double, nint, nint, int>)Export(handle, "mdl_sgd_step");
        mdl_momentum_step = (delegate* unmanaged[Cdecl]<int, long, double, double, nint, nint, nint, int>)Export(handle, "mdl_momentum_step");
        mdl_adam_step = (delegate* unmanaged[Cdecl]<int, long, double, double, double, double, long, nint, nint, nint, nint, int>)Export(handle, "mdl_adam_step");
        mdl_adam_step_multi = (delegate* unmanaged[Cdecl]<int, int, long*, double, double, double, double, long, nint*, nint*, nint*, nint*, int>)Export(handle, "mdl_adam_step_multi");
        Pool = new NativeBufferPool(this, NativeBufferPool.DefaultCapacityBytes);
    }

    /// <summary>"cpu" or "cuda": which build this is.</summary>
    public string Flavor { get; }

    /// <summary>The file the library was loaded from.</summary>
    public string Path { get; }

    /// <summary>The OS handle of the loaded library (never unloaded: buffers may outlive every backend).</summary>
    public nint Handle { get; }

    /// <summary>The library's <c>mdl_abi_version()</c>.</summary>
    public int AbiVersion => mdl_abi_version();

    /// <summary>The caching allocator shared by every backend (float32 and float64) on this library.</summary>
    internal NativeBufferPool Pool { get; }

    /// <summary>Fills a table from a loaded library. Throws <see cref="EntryPointNotFoundException"/> if an export is missing.</summary>
    /// <param name="handle">A handle from <see cref="NativeLibrary.TryLoad(string, out nint)"/>.</param>
    /// <param name="path">The file it was loaded from (for messages).</param>
    /// <param name="flavor">"cpu" or "cuda".</param>
    public static NativeApi Bind(nint handle, string path, string flavor) => new(handle, path, flavor);

    private static nint Export(nint handle, string name)
        => NativeLibrary.TryGetExport(handle, name, out var p)
            ? p
            : throw new EntryPointNotFoundException($"the native library does not export '{name}' (is it an older build of minidl.h?).");

    /// <summary>The library's thread-local message of the last failed call ("" if none).</summary>
    public string LastError()
    {
        byte* p = mdl_last_error();
        return p == null ? string.Empty : Marshal.PtrToStringUTF8((nint)p) ?? string.Empty;
    }

    /// <summary>
    /// The one place a status becomes an exception: returns on <c>MDL_OK</c>; otherwise reads
    /// <c>mdl_last_error()</c> (which names the function and the shapes) and throws
    /// <see cref="ArgumentException"/> for <c>MDL_ERR_INVALID_ARGUMENT</c>, <see cref="NativeException"/> for the rest.
    /// </summary>
    /// <param name="status">The <c>mdl_status</c> a call returned.</param>
    public void Check(int status)
    {
        if (status != 0)
        {
            Throw(status);
        }
    }

    private void Throw(int status)
    {
        string message = LastError();
        if (message.Length == 0)
        {
            message = $"a call failed with status {(NativeStatus)status} and no message";
        }

        if (status == (int)NativeStatus.InvalidArgument)
        {
            throw new ArgumentException($"{message} ({Flavor} build, {Path}).");
        }

        throw new NativeException((NativeStatus)status, $"{message} ({Flavor} build, {Path}).");
    }

    /// <summary>The device or CPU this build runs on, or null with the library's reason (e.g. no CUDA device).</summary>
    public NativeDeviceInfo? TryGetDeviceInfo(out string reason)
    {
        MdlDeviceInfo info;
        int status = mdl_device_info_get(&info);
        if (status != 0)
        {
            reason = LastError();
            if (reason.Length == 0)
            {
                reason = $"mdl_device_info_get failed with status {(NativeStatus)status}";
            }

            return null;
        }

        reason = string.Empty;
        return new NativeDeviceInfo(
            Utf8(info.Name, 256),
            Utf8(info.Backend, 16),
            info.ComputeMajor,
            info.ComputeMinor,
            info.Multiprocessors,
            info.TotalMemory);
    }

    private static string Utf8(byte* p, int capacity)
    {
        int n = 0;
        while (n < capacity && p[n] != 0)
        {
            n++;
        }

        return System.Text.Encoding.UTF8.GetString(p, n);
    }
}

/// <summary>The C struct <c>mdl_device_info</c> (blittable, same layout: 296 bytes).</summary>
[StructLayout(LayoutKind.Sequential)]
public unsafe struct MdlDeviceInfo
{
    /// <summary><c>char name[256]</c>: the GPU or CPU model.</summary>
    public fixed byte Name[256];

    /// <summary><c>char backend[16]</c>: "cpu" or "cuda".</summary>
    public fixed byte Backend[16];

    /// <summary>CUDA compute capability (major), 0 on the CPU build.</summary>
    public int ComputeMajor;

    /// <summary>CUDA compute capability (minor).</summary>
    public int ComputeMinor;

    /// <summary>SMs on CUDA, worker threads on the CPU build.</summary>
    public int Multiprocessors;

    /// <summary>Unused (alignment).</summary>
    public int Reserved;

    /// <summary>Memory in bytes.</summary>
    public long TotalMemory;
}

/// <summary>What <c>mdl_device_info_get</c> reports, as managed values.</summary>
/// <param name="Name">"NVIDIA H100 80GB HBM3" or the CPU model.</param>
/// <param name="Backend">"cpu" or "cuda".</param>
/// <param name="ComputeMajor">CUDA compute capability, major (0 on the CPU build).</param>
/// <param name="ComputeMinor">CUDA compute capability, minor.</param>
/// <param name="Multiprocessors">SMs on CUDA, worker threads on the CPU build.</param>
/// <param name="TotalMemory">Device (or host) memory in bytes.</param>
public sealed record NativeDeviceInfo(string Name, string Backend, int ComputeMajor, int ComputeMinor, int Multiprocessors, long TotalMemory)
{
    /// <summary>One line, e.g. "NVIDIA H100 80GB HBM3, compute 9.0, 132 SMs, 79.1 GiB" or "AMD EPYC …, 2 threads, 7.8 GiB".</summary>
    public override string ToString()
    {
        string memory = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{TotalMemory / (1024.0 * 1024 * 1024):F1} GiB");
        return Backend == "cuda"
            ? $"{Name}, compute {ComputeMajor}.{ComputeMinor}, {Multiprocessors} SMs, {memory}"
            : $"{Name}, {Multiprocessors} threads, {memory}";
    }
}

/// <summary>The values of <c>mdl_status</c>.</summary>
public enum NativeStatus
{
    /// <summary><c>MDL_OK</c>.</summary>
    Ok = 0,

    /// <summary><c>MDL_ERR_INVALID_ARGUMENT</c>: a null pointer, a negative length, an unknown enum.</summary>
    InvalidArgument = 1,

    /// <summary><c>MDL_ERR_OUT_OF_MEMORY</c>.</summary>
    OutOfMemory = 2,

    /// <summary><c>MDL_ERR_DEVICE</c>: a CUDA runtime or launch error.</summary>
    Device = 3,

    /// <summary><c>MDL_ERR_UNSUPPORTED</c>: e.g. no CUDA device present.</summary>
    Unsupported = 4,

    /// <summary><c>MDL_ERR_INTERNAL</c>.</summary>
    Internal = 5,
}

/// <summary>A native kernel failed for a reason other than a bad argument (out of memory, a CUDA error …).</summary>
public sealed class NativeException : InvalidOperationException
{
    /// <summary>Creates the exception for a failed status and the library's message.</summary>
    public NativeException(NativeStatus status, string message)
        : base(message)
    {
        Status = status;
    }

    /// <summary>The <c>mdl_status</c> the call returned.</summary>
    public NativeStatus Status { get; }
}
