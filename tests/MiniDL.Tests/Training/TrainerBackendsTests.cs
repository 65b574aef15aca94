using MiniDL.Data;
using MiniDL.Layers;
using MiniDL.Optimizers;
using MiniDL.Tests.TestSupport;
using MiniDL.Training;

namespace MiniDL.Tests.Training;

/// <summary>The same model, data and seeds trained on a native backend and on the reference backend.</summary>
public class TrainerBackendsTests
{
    private static (double Accuracy, double FinalLoss) TrainDigits(MiniDL.Backends.IBackend backend, bool? keepFeatures = null)
    {
        var split = Splits.TrainValidationTest(Datasets.Digits(), 0.0, 0.2, seed: 42);
        var scaler = Standardizer.Fit(split.Train);
        var train = scaler.Transform(split.Train);
        var test = scaler.Transform(split.Test);
        var model = Sequential.Mlp([64, 64, 10], seed: 1, backend: backend);
        var trainer = new Trainer(model, new Adam(model.Parameters(), 1e-3))
        {
            BatchSize = 32,
            Epochs = 15,
            Seed = 3,
            TrackTrainAccuracy = false,
            KeepFeaturesOnDevice = keepFeatures,
        };
        var history = trainer.Fit(train);
        return (trainer.Evaluate(test).Accuracy!.Value, history.Last.Loss);
    }

    [TestCase("cpu-f32")]
    [TestCase("cpu-f64")]
    [TestCase("cuda-f32")]
    public void Fit_DigitsOnNativeBackend_SameAccuracyAsReferenceWithinOnePoint(string backendName)
    {
        var native = TestBackends.Get(backendName);
        var (referenceAccuracy, referenceLoss) = TrainDigits(MiniDL.Backends.ReferenceBackend.Instance);
        var (nativeAccuracy, nativeLoss) = TrainDigits(native);
        Assert.That(referenceAccuracy, Is.GreaterThan(0.95), "the reference run itself must learn digits");
        Assert.That(nativeAccuracy, Is.EqualTo(referenceAccuracy).Within(0.01),
            $"{backendName}: test accuracy {nativeAccuracy:P2} vs reference {referenceAccuracy:P2}");
        Assert.That(nativeLoss, Is.EqualTo(referenceLoss).Within(0.02 + 0.05 * referenceLoss),
            $"{backendName}: final training loss {nativeLoss} vs reference {referenceLoss}");

        // The same seeds and batches, so the final losses agree far closer than the band above (which a wrong kernel
        // still meets: Adam's bias correction one step ahead, t + 1, moves the loss by 1.1e-5 relative). Measured on
        // cpu-f64: 1.4e-17 apart (2e-16 relative); cpu-f32: 3.6e-8 apart (6e-7 relative). Bounds: float64 1e-9
        // relative (catches the t + 1 bug); float32 1e-4 relative, ~170× the CPU's rounding drift, left for CUDA's
        // other summation order (not measured here).
        double relative = native.DType == MiniDL.Backends.DType.Float32 ? 1e-4 : 1e-9;
        Assert.That(nativeLoss, Is.EqualTo(referenceLoss).Within(relative * referenceLoss),
            $"{backendName}: final training loss {nativeLoss:R} vs reference {referenceLoss:R} (same seeds and batches)");
    }

    [TestCase("cpu-f32")]
    [TestCase("cuda-f32")]
    [TestCase("cuda-f64")]
    public void Fit_FeaturesKeptOnDevice_SameLossAndAccuracyAsGatheredFromTheHost(string backendName)
    {
        // The kept float32 copy rounds each feature once, as the gather from the host does: the runs are the same.
        var native = TestBackends.Get(backendName);
        var (hostAccuracy, hostLoss) = TrainDigits(native, keepFeatures: false);
        var (keptAccuracy, keptLoss) = TrainDigits(native, keepFeatures: true);
        Assert.That(keptAccuracy, Is.EqualTo(hostAccuracy), $"{backendName}: test accuracy");
        Assert.That(keptLoss, Is.EqualTo(hostLoss).Within(1e-9 * Math.Max(1, hostLoss)), $"{backendName}: final training loss");
    }

    [Test]
    public void Fit_FeaturesKeptOnTheCpu_HoldsOneCopyOfTheSetInBackendMemory()
    {
        // The kept copy is the one allocation of the set's size: after Fit it sits in the backend's cache.
        var native = (MiniDL.Native.NativeBackend)TestBackends.Get("cpu-f32");
        long CachedAfter(bool? keep)
        {
            native.TrimCache();
            TrainDigits(native, keep);
            return native.CachedBytes;
        }

        long host = CachedAfter(false), kept = CachedAfter(true), automatic = CachedAfter(null);
        var split = Splits.TrainValidationTest(Datasets.Digits(), 0.0, 0.2, seed: 42);
        long setBytes = (long)split.Train.Count * split.Train.FeatureCount * sizeof(float);
        Assert.That(kept - host, Is.GreaterThanOrEqualTo(setBytes), "kept: the set's float32 copy");
        Assert.That(automatic, Is.EqualTo(host), "auto on a CPU backend gathers from the host");
    }

    [Test]
    public void Fit_FeaturesKeptWithTheTrainingAccuracyPass_SameAccuraciesAsFromTheHost()
    {
        // The pass over the training set after each epoch gathers from the Fit's kept copy.
        var native = TestBackends.Get("cpu-f32");
        double?[] Accuracies(bool keep)
        {
            var train = Standardizer.Fit(Datasets.Iris()).Transform(Datasets.Iris());
            var model = Sequential.Mlp([4, 8, 3], seed: 1, backend: native);
            var trainer = new Trainer(model, new Adam(model.Parameters(), 1e-2)) { BatchSize = 16, Epochs = 4, Seed = 3, KeepFeaturesOnDevice = keep };
            return [.. trainer.Fit(train).Epochs.Select(e => e.TrainAccuracy)];
        }

        var kept = Accuracies(true);
        Assert.That(kept, Has.All.Not.Null);
        Assert.That(kept, Is.EqualTo(Accuracies(false)));
    }
}
