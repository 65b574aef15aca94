using MiniDL.Cli.Bench;
using MiniDL.Data;
using MiniDL.Native;
using MiniDL.Training;

namespace MiniDL.Tests.Cli;

/// <summary><c>minidl bench --profile</c>: the epoch's time per kernel family and its GEMM roofline.</summary>
[TestFixture]
public class ProfileBenchTests : CliTestBase
{
    // 300 samples in batches of 128: two full batches and a rest of 44.
    private static readonly int[] StepRows = [128, 128, 44];

    [Test]
    public void GemmRoofline_TwoBatchesAndARest_CountsEachStepsProducts()
    {
        using var roofline = new GemmRoofline(ReferenceBackend.Instance, 300);
        // Per step: layer 1 (784→256) Z = X W and dW = Xᵀ dZ; layer 2 (256→10) also dX = dZ Wᵀ.
        double expected = StepRows.Sum(rows => (2 * 2.0 * rows * 784 * 256) + (3 * 2.0 * rows * 256 * 10)) / 1e9;
        Assert.That(roofline.Calls, Is.EqualTo(15));
        Assert.That(roofline.Gflop, Is.EqualTo(expected).Within(1e-12));
    }

    [Test]
    public void GemmRoofline_OnTheCpuBackend_MakesTheNativeCallsItCounts()
    {
        if (TestBackends.Get("cpu-f32") is not NativeBackend cpu)
        {
            Assert.Ignore("the profile needs the native CPU backend");
            return;
        }

        using var roofline = new GemmRoofline(cpu, 300);
        cpu.Profile(true);
        double seconds = roofline.TimeEpoch();
        var (gemmSeconds, gemmCalls) = cpu.ProfileOf(KernelFamily.Gemm);
        var (_, elementwiseCalls) = cpu.ProfileOf(KernelFamily.Elementwise);
        cpu.Profile(false);
        Assert.That(gemmCalls, Is.EqualTo(roofline.Calls));
        Assert.That(elementwiseCalls, Is.Zero, "nothing but products");
        Assert.That(gemmSeconds, Is.GreaterThan(0).And.LessThanOrEqualTo(seconds));
    }

    [Test]
    public void Profile_ATrainingEpochOnTheCpuBackend_CountsEachFamilysCallsPerStep()
    {
        if (TestBackends.Get("cpu-f32") is not NativeBackend cpu)
        {
            Assert.Ignore("the profile needs the native CPU backend");
            return;
        }

        var digits = Datasets.Digits();
        var model = MiniDL.Layers.Sequential.Mlp([64, 32, 10], seed: 1, backend: cpu);
        var trainer = new Trainer(model, new MiniDL.Optimizers.Adam(model.Parameters(), 1e-3)) { BatchSize = 50, Epochs = 1, TrackTrainAccuracy = false };
        int steps = (digits.Count + 49) / 50;
        cpu.Profile(true);
        try
        {
            trainer.Fit(digits);
            Assert.Multiple(() =>
            {
                // 5 products of the two MatMul nodes, and the loss's n×1×1 product that spreads g/n over the rows
                Assert.That(cpu.ProfileOf(KernelFamily.Gemm).Calls, Is.EqualTo(6 * steps));
                Assert.That(cpu.ProfileOf(KernelFamily.Optimizer).Calls, Is.EqualTo(steps), "one multi-tensor Adam call per step");
                Assert.That(cpu.ProfileOf(KernelFamily.Softmax).Calls, Is.EqualTo(2 * steps), "the fused softmax cross-entropy, forward and backward");
                Assert.That(cpu.ProfileOf(KernelFamily.Memory).Calls, Is.GreaterThanOrEqualTo(2 * steps), "at least the batch and its targets");
            });
        }
        finally
        {
            cpu.Profile(false);
        }
    }

    [Test]
    public void ToMarkdown_AProfile_SharesOfTheEpochAndTheRooflineFraction()
    {
        var profile = new EpochProfile("cpu-f32", 0.5, [new("gemm", 0.4, 2814), new("optimizer", 0.05, 469), new("managed", 0.05, 0)], 0.3, 0.05, 0.45, 2345, 49.1, 0.88);
        var text = ProfileBench.ToMarkdown([profile]);
        Assert.Multiple(() =>
        {
            Assert.That(text, Does.Contain("| gemm | 0.400 | 80.0% | 2814 |"));
            Assert.That(text, Does.Contain("| **epoch** | **0.500** | 100% | 3283 |"));
            Assert.That(text, Does.Contain("alone take 0.450 s (109 GFLOP/s): the epoch is at 88% of its GEMM roofline"));
            Assert.That(text, Does.Contain("median against median: 90%"));
        });
    }

    [Test]
    public void Run_ProfileWithoutData_ExitsOneNamingTheDataSet()
        => AssertExitSaying("bench --profile --backends cpu --data {dir}/no-such-folder", 1, "Fashion-MNIST", "no-such-folder");
}
