using System.Diagnostics;

namespace MiniDL.Cli.Bench;

/// <summary>One measured training run.</summary>
/// <param name="Backend">The backend and precision, e.g. "cpu-f32".</param>
/// <param name="SecondsPerEpoch">Median seconds of the epochs after the first (warm-up) one.</param>
/// <param name="EpochSeconds">Every epoch's seconds, warm-up included.</param>
/// <param name="BytesPerStep">Managed bytes allocated per training step in a steady-state epoch
/// (<c>GC.GetAllocatedBytesForCurrentThread</c> over the last epoch, divided by its iterations).</param>
/// <param name="PeakWorkingSetBytes">The process's peak working set after the run.</param>
/// <param name="TestAccuracy">Test accuracy after the run.</param>
/// <param name="Iterations">Training steps per epoch.</param>
public sealed record TrainingResult(
    string Backend, double SecondsPerEpoch, double[] EpochSeconds, double BytesPerStep, long PeakWorkingSetBytes, double TestAccuracy, long Iterations);

/// <summary>
/// The end-to-end benchmark: Fashion-MNIST, MLP 784-256-10, ReLU, softmax cross-entropy, Adam (lr 1e-3),
/// mini-batches of 128, shuffled — the same model and loop as bench/peer_pytorch.py.
/// </summary>
public static class TrainingBench
{
    /// <summary>The layer widths of the benchmark's MLP.</summary>
    public static readonly int[] Widths = [784, 256, 10];

    /// <summary>The benchmark's mini-batch size.</summary>
    public const int BatchSize = 128;

    /// <summary>
    /// <see cref="Trainer.KeepFeaturesOnDevice"/> for the benchmark's trainers: true (default), the float32 copy of the
    /// set made once before the timed epochs, as the PyTorch peer converts its set to a float32 tensor before its loop;
    /// <c>bench --host-features</c> sets it false, each batch gathered from the host's float64 rows.
    /// </summary>
    public static bool KeepFeaturesOnDevice { get; set; } = true;

    /// <summary>
    /// The benchmark's model and trainer on <paramref name="backend"/>: as PyTorch's loop, no training-accuracy pass and
    /// no validation, so an epoch is the training steps alone.
    /// </summary>
    public static Trainer CreateTrainer(IBackend backend, int epochs)
    {
        var model = Sequential.Mlp(Widths, seed: 0, backend: backend);
        return new Trainer(model, new Adam(model.Parameters(), 1e-3))
        {
            Mode = BatchMode.MiniBatch,
            BatchSize = BatchSize,
            Epochs = epochs,
            Seed = 0,
            TrackTrainAccuracy = false,
            KeepFeaturesOnDevice = KeepFeaturesOnDevice,
        };
    }

    /// <summary>Trains for <paramref name="epochs"/> epochs (the first is the warm-up) and measures.</summary>
    public static TrainingResult Run(IBackend backend, string label, Dataset train, Dataset test, int epochs)
    {
        var trainer = CreateTrainer(backend, epochs);
        var seconds = new List<double>();
        long allocatedAtLastEpoch = GC.GetAllocatedBytesForCurrentThread();
        long lastIterations = 0;
        double bytesPerStep = 0;
        trainer.OnEpoch = report =>
        {
            long now = GC.GetAllocatedBytesForCurrentThread();
            long steps = report.Iterations - lastIterations;
            bytesPerStep = steps > 0 ? (double)(now - allocatedAtLastEpoch) / steps : 0;
            lastIterations = report.Iterations;
            seconds.Add(report.Seconds);
            allocatedAtLastEpoch = GC.GetAllocatedBytesForCurrentThread();
        };
        trainer.Fit(train);
        var accuracy = trainer.Evaluate(test).Accuracy ?? 0;
        var steady = seconds.Count > 1 ? seconds.Skip(1).Order().ToArray() : seconds.ToArray();
        double median = steady.Length == 0 ? 0 : steady[steady.Length / 2];
        return new TrainingResult(label, median, [.. seconds], bytesPerStep, Process.GetCurrentProcess().PeakWorkingSet64, accuracy, lastIterations / Math.Max(1, seconds.Count));
    }
}
