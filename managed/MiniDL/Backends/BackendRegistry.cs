using System.Globalization;
using MiniDL.Native;

namespace MiniDL.Backends;

/// <summary>
/// Chooses and creates backends by name: <c>reference</c>, <c>cpu</c>, <c>cuda</c> or <c>auto</c>
/// (the same names as the environment variable <c>MINIDL_BACKEND</c> and the CLI option <c>--backend</c>).
/// One instance is created per (kind, element type) and shared.
/// </summary>
public static class BackendRegistry
{
    /// <summary>The environment variable that picks the backend (default "auto").</summary>
    public const string BackendVariable = "MINIDL_BACKEND";

    /// <summary>The environment variable that fixes the CPU backend's thread count (unset or "auto": adaptive, docs/threads.md).</summary>
    public const string ThreadsVariable = "MINIDL_THREADS";

    /// <summary>
    /// The environment variable that picks what the adaptive thread count watches: <c>wait</c> (the default on Linux and
    /// macOS: the time this process's threads waited for a core, as the OS measures it) or <c>load</c> (Windows' only one:
    /// how busy the cores were and how much of that was this process; docs/threads.md).
    /// </summary>
    public const string ThreadsSignalVariable = "MINIDL_THREADS_SIGNAL";

    private static readonly Lock Gate = new();
    private static readonly Dictionary<(string Kind, DType DType), (IBackend? Backend, string Reason)> Cache = [];

    /// <summary>The kinds, in the order "auto" prefers them last to first: reference, cpu, cuda.</summary>
    public static IReadOnlyList<string> Kinds { get; } = ["reference", "cpu", "cuda"];

    /// <summary>
    /// Creates the backend <paramref name="kind"/> with element type <paramref name="dtype"/>, or explains why it cannot.
    /// "auto" takes cuda (when its library loads and a device exists), else cpu, else reference.
    /// </summary>
    /// <param name="kind">"reference", "cpu", "cuda" or "auto", in any case ("CPU" is "cpu").</param>
    /// <param name="dtype">Float32 or Float64 (the reference backend is always Float64).</param>
    /// <param name="backend">The backend, when available.</param>
    /// <param name="reason">
    /// Why it is not available (the paths tried, the missing device …); on success, one line saying which backend this
    /// is (and, for "auto", why the others were passed over).
    /// </param>
    public static bool TryCreate(string kind, DType dtype, out IBackend? backend, out string reason)
    {
        ArgumentNullException.ThrowIfNull(kind);
        string given = kind;
        kind = Normalize(kind);
        switch (kind)
        {
            case "reference":
                backend = ReferenceBackend.Instance;
                reason = "reference (managed float64 loops, the readable truth)";
                return true;
            case "cpu":
            case "cuda":
                lock (Gate)
                {
                    if (!Cache.TryGetValue((kind, dtype), out var entry))
                    {
                        entry = CreateNative(kind, dtype);
                        Cache[(kind, dtype)] = entry;
                    }

                    backend = entry.Backend;
                    reason = entry.Reason;
                    return backend is not null;
                }

            case "auto":
                backend = Auto(dtype, out reason);
                return true;
            default:
                backend = null;
                reason = $"backend '{given}' is not known (use reference, cpu, cuda or auto).";
                return false;
        }
    }

    /// <summary>Creates the backend <paramref name="kind"/>, or throws with the reason it is not available.</summary>
    /// <exception cref="ArgumentException">The kind is not known.</exception>
    /// <exception cref="InvalidOperationException">The backend is not available here (the message says why).</exception>
    public static IBackend Create(string kind, DType dtype)
    {
        if (TryCreate(kind, dtype, out var backend, out var reason))
        {
            return backend!;
        }

        if (Normalize(kind) is "reference" or "cpu" or "cuda" or "auto")
        {
            throw new InvalidOperationException($"backend '{kind}' is not available: {reason}");
        }

        throw new ArgumentException(reason, nameof(kind));
    }

    /// <summary>The backend named by <c>MINIDL_BACKEND</c> (default "auto"), with element type <paramref name="dtype"/>.</summary>
    public static IBackend FromEnvironment(DType dtype)
    {
        var kind = Environment.GetEnvironmentVariable(BackendVariable);
        return Create(string.IsNullOrWhiteSpace(kind) ? "auto" : kind, dtype);
    }

    /// <summary>A backend name as the switch above spells it: trimmed, lower case ("CPU" is "cpu").</summary>
    private static string Normalize(string kind) => kind.Trim().ToLowerInvariant();

    /// <summary>
    /// One line naming the backend <paramref name="kind"/> would give and why, e.g.
    /// "backend: cpu (native CPU build, float32, AMD EPYC …) — cuda: no libminidl_cuda found (tried …)".
    /// </summary>
    public static string Describe(string kind, DType dtype)
    {
        TryCreate(kind, dtype, out var backend, out var reason);
        return backend is null ? $"backend {kind}: not available — {reason}" : kind == "auto" ? reason : $"backend: {reason}";
    }

    /// <summary>Every kind (reference, cpu, cuda), whether it is available, and its library, device or reason.</summary>
    public static IReadOnlyList<BackendProbe> Probe()
    {
        var result = new List<BackendProbe>
        {
            new("reference", true, null, null, null, "managed float64 loops (always available)"),
        };
        foreach (var flavor in new[] { "cpu", "cuda" })
        {
            if (!NativeLibraryResolver.TryLoad(flavor, out var api, out var reason))
            {
                result.Add(new BackendProbe(flavor, false, null, null, null, reason));
                continue;
            }

            var device = api!.TryGetDeviceInfo(out var deviceReason);
            result.Add(device is null
                ? new BackendProbe(flavor, false, api.Path, api.AbiVersion, null, $"{api.Path} loaded but reports no device: {deviceReason}")
                : new BackendProbe(flavor, true, api.Path, api.AbiVersion, device, Summary(flavor, device)));
        }

        return result;
    }

    /// <summary>What is wrong with a value of <c>MINIDL_THREADS</c>, or null when it is unset, "auto" or 1 to 4096.</summary>
    /// <param name="value">The variable's value (null when unset).</param>
    /// <returns>One line naming the variable and the value, or null.</returns>
    public static string? ThreadsProblem(string? value)
        => value is null or "" or "auto"
           || (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n is >= 1 and <= 4096)
            ? null
            : $"{ThreadsVariable}='{value}' is not a thread count (use a whole number from 1 to 4096 or auto, or unset it).";

    /// <summary>What is wrong with a value of <c>MINIDL_THREADS_SIGNAL</c>, or null when it is unset, "wait" or "load".</summary>
    /// <param name="value">The variable's value (null when unset).</param>
    /// <returns>One line naming the variable and the value, or null.</returns>
    public static string? ThreadsSignalProblem(string? value)
        => value is null or "" or "wait" or "load"
            ? null
            : $"{ThreadsSignalVariable}='{value}' is not a signal of the adaptive thread count (use wait or load, or unset it).";

    private static (IBackend? Backend, string Reason) CreateNative(string flavor, DType dtype)
    {
        // The native library would read a bad value as "auto"; say so instead of running with another count.
        if (flavor == "cpu" && ThreadsProblem(Environment.GetEnvironmentVariable(ThreadsVariable)) is { } problem)
        {
            return (null, problem);
        }

        if (flavor == "cpu" && ThreadsSignalProblem(Environment.GetEnvironmentVariable(ThreadsSignalVariable)) is { } signalProblem)
        {
            return (null, signalProblem);
        }

        if (!NativeLibraryResolver.TryLoad(flavor, out var api, out var reason))
        {
            return (null, reason);
        }

        var device = api!.TryGetDeviceInfo(out var deviceReason);
        if (device is null)
        {
            return (null, $"{api.Path} loaded but reports no device: {deviceReason}");
        }

        return (new NativeBackend(api, dtype, device), $"{flavor} ({Build(flavor)}, {DTypeName(dtype)}, {device})");
    }

    private static IBackend Auto(DType dtype, out string reason)
    {
        if (TryCreate("cuda", dtype, out var cuda, out var cudaReason))
        {
            reason = $"backend: {cudaReason}";
            return cuda!;
        }

        if (TryCreate("cpu", dtype, out var cpu, out var cpuReason))
        {
            reason = $"backend: {cpuReason} — cuda: {cudaReason}";
            return cpu!;
        }

        reason = $"backend: reference (managed float64) — cpu: {cpuReason} — cuda: {cudaReason}";
        return ReferenceBackend.Instance;
    }

    private static string Summary(string flavor, NativeDeviceInfo device) => $"{Build(flavor)}, {device}";

    private static string Build(string flavor) => flavor == "cuda" ? "native CUDA build" : "native CPU build";

    private static string DTypeName(DType dtype) => dtype == DType.Float32 ? "float32" : "float64";
}
