using System.Diagnostics;

namespace MiniDL.Cli.Bench;

/// <summary>One measured kernel: its throughput in GFLOP/s (GEMM) or GB/s (memory-bound kernels).</summary>
/// <param name="Name">The kernel, e.g. "gemm_f32" or "relu_forward".</param>
/// <param name="Backend">The backend name and precision, e.g. "cpu-f32".</param>
/// <param name="Size">The problem size: n for an n×n GEMM, the element count otherwise.</param>
/// <param name="Gflops">GFLOP/s (GEMM), else null.</param>
/// <param name="Gbps">GB/s of compulsory traffic (memory-bound kernels), else null.</param>
/// <param name="Seconds">Median seconds of one call.</param>
public sealed record KernelResult(string Name, string Backend, long Size, double? Gflops, double? Gbps, double Seconds);

/// <summary>
/// Times the kernels of <see cref="IBackend"/>: a warm-up call, then several repetitions, and the median.
/// Throughput counts only compulsory work: <c>2n³</c> FLOPs for an n×n GEMM; for a memory-bound kernel the
/// bytes it must read and write once (e.g. ReLU forward reads x and writes y: 2 · n · element size).
/// </summary>
public static class KernelBench
{
    /// <summary>GEMM sizes (n×n×n, float32).</summary>
    public static readonly int[] GemmSizes = [256, 512, 1024, 2048];

    /// <summary>Element counts of the memory-bound kernels.</summary>
    public static readonly int[] ElementSizes = [1 << 20, 1 << 22, 1 << 24];

    /// <summary>Runs the kernel table on <paramref name="backend"/>.</summary>
    /// <param name="backend">The backend to time.</param>
    /// <param name="label">Its label in the table, e.g. "cpu-f32".</param>
    /// <param name="maxGemm">Largest GEMM to time (the reference backend is too slow for 2048).</param>
    /// <param name="maxElements">Largest element count to time.</param>
    /// <param name="repetitions">Timed repetitions per kernel (the median is reported).</param>
    public static List<KernelResult> Run(IBackend backend, string label, int maxGemm, int maxElements, int repetitions)
    {
        var results = new List<KernelResult>();
        int bytes = backend.DType == DType.Float32 ? 4 : 8;
        var rng = new Random(1);
        foreach (int n in GemmSizes.Where(s => s <= maxGemm))
        {
            using var a = Filled(backend, (long)n * n, rng);
            using var b = Filled(backend, (long)n * n, rng);
            using var c = backend.Allocate((long)n * n);
            double s = Median(backend, repetitions, () => backend.Gemm(false, false, n, n, n, 1.0, a, b, 0.0, c));
            results.Add(new KernelResult("gemm", label, n, 2.0 * n * n * n / s / 1e9, null, s));
        }

        foreach (int n in ElementSizes.Where(s => s <= maxElements))
        {
            using var x = Filled(backend, n, rng);
            using var y = Filled(backend, n, rng);
            using var dy = Filled(backend, n, rng);
            using var dx = backend.Allocate(n);
            using var m = backend.Allocate(n);
            using var v = backend.Allocate(n);
            using var colSums = backend.Allocate(1024);
            int rows = n / 1024;

            void Add(string name, double traffic, Action kernel)
            {
                double s = Median(backend, repetitions, kernel);
                results.Add(new KernelResult(name, label, n, null, traffic * bytes / s / 1e9, s));
            }

            Add("relu_forward", 2.0 * n, () => backend.Map(UnaryOp.Relu, x, y));
            Add("relu_backward", 4.0 * n, () => backend.MapBackward(UnaryOp.Relu, x, y, dy, dx)); // reads x, dy; reads and writes dx (y unused)
            Add("sigmoid_forward", 2.0 * n, () => backend.Map(UnaryOp.Sigmoid, x, y));
            Add("sigmoid_backward", 4.0 * n, () => backend.MapBackward(UnaryOp.Sigmoid, x, y, dy, dx)); // reads y, dy; reads and writes dx
            Add("softmax_1024", 2.0 * n, () => backend.Softmax(rows, 1024, x, y));
            Add("column_sums_1024", 1.0 * n, () => backend.ColumnSums(rows, 1024, x, 0.0, colSums));
            Add("axpy", 3.0 * n, () => backend.Axpy(0.5, x, y));
            long step = 0;
            Add("adam_step", 7.0 * n, () => backend.AdamStep(1e-3, 0.9, 0.999, 1e-8, ++step, dy, m, v, dx)); // reads g, m, v, w; writes m, v, w
        }

        return results;
    }

    /// <summary>A new buffer of <paramref name="n"/> values drawn uniformly from [−1, 1).</summary>
    internal static Storage Filled(IBackend backend, long n, Random rng)
    {
        var host = new float[n];
        for (long i = 0; i < n; i++)
        {
            host[i] = (float)(rng.NextDouble() * 2 - 1);
        }

        var s = backend.Allocate(n);
        backend.Upload(host, s);
        return s;
    }

    /// <summary>Median seconds of <paramref name="repetitions"/> calls after one warm-up call.</summary>
    public static double Median(IBackend backend, int repetitions, Action kernel)
    {
        kernel();
        backend.Synchronize();
        var times = new double[repetitions];
        for (int r = 0; r < repetitions; r++)
        {
            long t0 = Stopwatch.GetTimestamp();
            kernel();
            backend.Synchronize();
            times[r] = Stopwatch.GetElapsedTime(t0).TotalSeconds;
        }

        Array.Sort(times);
        return times[repetitions / 2];
    }
}
