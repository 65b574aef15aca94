namespace MiniDL.Backends;

/// <summary>
/// Chooses and creates backends by name: <c>reference</c>, <c>cpu</c>, <c>cuda</c> or <c>auto</c>
/// (the same names as the environment variable <c>MINIDL_BACKEND</c> and the CLI option <c>--backend</c>).
/// </summary>
public static class BackendRegistry
{
    /// <summary>
    /// Creates the backend <paramref name="kind"/> with element type <paramref name="dtype"/>, or explains why it cannot.
    /// </summary>
    /// <param name="kind">"reference", "cpu" or "cuda".</param>
    /// <param name="dtype">Float32 or Float64 (the reference backend is always Float64).</param>
    /// <param name="backend">The backend, when available.</param>
    /// <param name="reason">Why it is not available (the paths tried, the missing device …).</param>
    public static bool TryCreate(string kind, DType dtype, out IBackend? backend, out string reason)
    {
        switch (kind)
        {
            case "reference":
                backend = ReferenceBackend.Instance;
                reason = string.Empty;
                return true;
            default:
                backend = null;
                reason = $"backend '{kind}' is not known (use reference, cpu, cuda or auto).";
                return false;
        }
    }
}
