namespace MiniDL.Backends;

/// <summary>
/// The managed reference backend: every kernel as the plainest loop that computes its formula, in float64.
/// It is the readable truth: the native CPU and CUDA builds are tested against it, and a student porting
/// MiniDL to another language can port these files first.
/// </summary>
/// <remarks>
/// One file per kernel family, each kernel beside its formula: ReferenceBackend.Memory.cs (allocate, upload,
/// download, copy, fill), .Elementwise.cs (map, zip, scale, axpy, dropout mask), .Broadcast.cs (row and column
/// broadcasts, add bias), .Reduce.cs (sums), .Gemm.cs (matrix product, transpose), .Softmax.cs (softmax,
/// log-softmax, fused softmax cross-entropy), .Optimizers.cs (the optimizers' own per-weight updates).
/// </remarks>
public sealed partial class ReferenceBackend : IBackend
{
    /// <summary>The one shared instance (the backend holds no state).</summary>
    public static ReferenceBackend Instance { get; } = new();

    /// <inheritdoc/>
    public string Name => "reference";

    /// <inheritdoc/>
    public DType DType => DType.Float64;

    /// <summary>"reference-f64", as the native backends print "cpu-f32" …: the name with the element type, for messages.</summary>
    public override string ToString() => $"{Name}-f64";

    /// <summary>A reference buffer: a managed array.</summary>
    internal sealed class ArrayStorage(ReferenceBackend backend, long length) : Storage(backend, length)
    {
        public readonly double[] Data = new double[length];
    }

    private double[] D(Storage s, string op, string name)
    {
        if (s is ArrayStorage a && ReferenceEquals(a.Backend, this))
        {
            return a.Data;
        }

        throw new ArgumentException($"{op}: buffer '{name}' belongs to backend '{s.Backend.Name}', not '{Name}'.", name);
    }

    private double[] D(Storage s, string op, string name, long expectedLength)
    {
        var d = D(s, op, name);
        if (d.LongLength != expectedLength)
        {
            throw new ArgumentException($"{op}: buffer '{name}' has {d.LongLength} elements, the shape needs {expectedLength}.", name);
        }

        return d;
    }

    private static void CheckShape(string op, int rows, int cols)
    {
        if (rows < 0 || cols < 0)
        {
            throw new ArgumentException($"{op}: shape ({rows}, {cols}) has a negative dimension.");
        }
    }

    /// <inheritdoc/>
    public void Synchronize()
    {
    }
}
