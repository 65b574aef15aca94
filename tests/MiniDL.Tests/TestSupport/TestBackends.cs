namespace MiniDL.Tests.TestSupport;

/// <summary>
/// The backends a test suite runs on. Every name is always listed, so a backend that is not available here
/// shows up as an ignored test with its reason ("skipped with a reason, never missing").
/// </summary>
public static class TestBackends
{
    /// <summary>The float64 backends: gradient checks need float64.</summary>
    public static IEnumerable<string> Float64 => ["reference", "cpu-f64", "cuda-f64"];

    /// <summary>Every backend in both precisions.</summary>
    public static IEnumerable<string> All => ["reference", "cpu-f64", "cpu-f32", "cuda-f64", "cuda-f32"];

    /// <summary>The native backends (for native vs reference agreement).</summary>
    public static IEnumerable<string> Native => ["cpu-f64", "cpu-f32", "cuda-f64", "cuda-f32"];

    /// <summary>Every float64 backend with every binary operation (the broadcast nodes' cases).</summary>
    public static IEnumerable<TestCaseData> Float64AndBinaryOps
        => from backend in Float64 from op in Enum.GetValues<BinaryOp>() select new TestCaseData(backend, op);

    /// <summary>The backend for a test-case name, or marks the test ignored with the reason it is unavailable.</summary>
    public static IBackend Get(string name)
    {
        var parts = name.Split('-');
        var dtype = parts.Length > 1 && parts[1] == "f32" ? DType.Float32 : DType.Float64;
        if (BackendRegistry.TryCreate(parts[0], dtype, out var backend, out var reason))
        {
            return backend!;
        }

        Assert.Ignore($"backend {name} is not available here: {reason}");
        throw new InvalidOperationException("unreachable");
    }
}
