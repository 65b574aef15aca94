using MiniDL.Autograd.Nodes;
using MiniDL.Backends;
using MiniDL.Layers;
using MiniDL.Optimizers;
using MiniDL.Tests.TestSupport;

namespace MiniDL.Tests.Optimizers;

/// <summary>
/// The multi-tensor optimizer steps of <see cref="IBackend"/> (every parameter in one call; one native call per Adam
/// step on a native backend) against the reference backend's one-tensor kernels, and what <see cref="Optimizer.Step"/>
/// hands to them.
/// </summary>
public class MultiTensorStepTests
{
    private const double Lr = 0.05, Beta = 0.9, Beta1 = 0.9, Beta2 = 0.999, Epsilon = 1e-8;
    private static readonly int[] Lengths = [5, 1, 7];

    [Test, Combinatorial]
    public void MultiTensorStep_ThreeTensorsThreeSteps_AgreesWithReferenceKernels(
        [ValueSource(typeof(TestBackends), nameof(TestBackends.All))] string backendName,
        [Values("sgd", "momentum", "nesterov", "adam")] string optimizer)
    {
        var backend = TestBackends.Get(backendName);
        var reference = ReferenceBackend.Instance;
        var rng = new Random(11);
        var w0 = Values(rng);
        var grads = Enumerable.Range(0, 3).Select(_ => Values(rng)).ToArray();

        // The backend: one multi-tensor call per step. The reference: its one-tensor kernel on each tensor.
        var (w, s1, s2) = (Upload(backend, w0), Zeros(backend), Zeros(backend));
        var (wr, s1r, s2r) = (Upload(reference, w0), Zeros(reference), Zeros(reference));
        for (int t = 1; t <= 3; t++)
        {
            var g = Upload(backend, grads[t - 1]);
            switch (optimizer)
            {
                case "sgd": backend.SgdStep(Lr, g, w); break;
                case "momentum": backend.MomentumStep(Lr, Beta, g, s1, w); break;
                case "nesterov": backend.NesterovStep(Lr, Beta, g, s1, w); break;
                default: backend.AdamStep(Lr, Beta1, Beta2, Epsilon, t, g, s1, s2, w); break;
            }

            var gr = Upload(reference, grads[t - 1]);
            for (int k = 0; k < Lengths.Length; k++)
            {
                switch (optimizer)
                {
                    case "sgd": reference.SgdStep(Lr, gr[k], wr[k]); break;
                    case "momentum": reference.MomentumStep(Lr, Beta, gr[k], s1r[k], wr[k]); break;
                    case "nesterov": reference.NesterovStep(Lr, Beta, gr[k], s1r[k], wr[k]); break;
                    default: reference.AdamStep(Lr, Beta1, Beta2, Epsilon, t, gr[k], s1r[k], s2r[k], wr[k]); break;
                }
            }
        }

        double tolerance = backend.DType == DType.Float32 ? 1e-5 : 1e-12;
        Assert.Multiple(() =>
        {
            for (int k = 0; k < Lengths.Length; k++)
            {
                Assert.That(Download(w[k]), Is.EqualTo(Download(wr[k])).Within(tolerance), $"θ of tensor {k}");
                Assert.That(Download(s1[k]), Is.EqualTo(Download(s1r[k])).Within(tolerance), $"state 1 of tensor {k}");
                Assert.That(Download(s2[k]), Is.EqualTo(Download(s2r[k])).Within(tolerance), $"state 2 of tensor {k}");
            }
        });
    }

    [TestCaseSource(typeof(TestBackends), nameof(TestBackends.All))]
    public void AdamStep_ListsOfDifferentLengths_ThrowsNamingTheKernel(string backendName)
    {
        var backend = TestBackends.Get(backendName);
        var a = backend.Allocate(2);
        Assert.That(
            () => backend.AdamStep(Lr, Beta1, Beta2, Epsilon, 1, [a, a], [a, a], [a], [a, a]),
            Throws.ArgumentException.With.Message.Contains("adam_step_multi"));
    }

    [Test, Combinatorial]
    public void Step_AfterFirstSteps_AllocatesNoManagedBytes(
        [ValueSource(typeof(TestBackends), nameof(TestBackends.All))] string backendName,
        [Values("sgd", "momentum", "nesterov", "adam")] string optimizer)
    {
        var backend = TestBackends.Get(backendName);
        var a = new Parameter("a", Tensor.FromArray([0.5, -1.0, 2.0], 1, 3, backend));
        var b = new Parameter("b", Tensor.FromArray([1.5, -0.25], 2, 1, backend));
        var unreached = new Parameter("c", Tensor.FromArray([3.0], 1, 1, backend));
        var opt = Optimizer.FromName(optimizer, [a, b, unreached], 0.01);
        var j = Add.Forward(Sum.Forward(Square.Forward(a.Node)), Sum.Forward(Square.Forward(b.Node)));
        j.Backward();
        j.ReleaseGraph();
        opt.Step();
        opt.Step();
        long allocated = ManagedBytes.AllocatedBy(100, opt.Step);
        Assert.That(allocated, Is.Zero, $"{allocated} managed bytes allocated by 100 steps of {optimizer} on {backendName}");
    }

    [Test]
    public void Step_ParametersOnOneBackend_OneUpdateCallWithEveryParameterThatHasAGradient()
    {
        var a = new Parameter("a", Tensor.FromArray([1.0, 2.0], 1, 2));
        var unreached = new Parameter("b", Tensor.FromArray([3.0], 1, 1));
        var c = new Parameter("c", Tensor.FromArray([4.0], 1, 1));
        var opt = new RecordingOptimizer([a, unreached, c]);
        OptimizerTestKit.LinearBackward(a, 1.0, 1.0);
        OptimizerTestKit.LinearBackward(c, 1.0);
        opt.Step();
        opt.Step();
        Assert.That(opt.Calls, Is.EqualTo(new[] { ("reference", 2), ("reference", 2) }));
    }

    [TestCaseSource(typeof(TestBackends), nameof(TestBackends.Native))]
    public void Step_ParametersOnTwoBackends_OneCallPerRunAndEachUpdated(string backendName)
    {
        var native = TestBackends.Get(backendName);
        var a = new Parameter("a", Tensor.FromArray([1.0], 1, 1));
        var b = new Parameter("b", Tensor.FromArray([2.0], 1, 1, native));
        var c = new Parameter("c", Tensor.FromArray([3.0], 1, 1, native));
        var recording = new RecordingOptimizer([a, b, c]);
        var sgd = new Sgd([a, b, c], 0.25);
        foreach (var p in new[] { a, b, c })
        {
            OptimizerTestKit.SquareBackward(p); // g = 2θ
        }

        recording.Step();
        sgd.Step();
        Assert.That(recording.Calls, Is.EqualTo(new[] { ("reference", 1), (native.Name, 2) }));
        Assert.That(new[] { a, b, c }.Select(p => p.Value.Item()), Is.EqualTo(new[] { 0.5, 1.0, 1.5 }), "θ − 0.25 · 2θ = θ / 2");
    }

    private static double[][] Values(Random rng)
        => [.. Lengths.Select(n => Enumerable.Range(0, n).Select(_ => (rng.Next(1, 64) * (rng.Next(2) == 0 ? -1 : 1)) / 64.0).ToArray())];

    private static Storage[] Upload(IBackend backend, double[][] values)
        => [.. values.Select(x =>
        {
            var s = backend.Allocate(x.Length);
            backend.Upload(x, s);
            return s;
        })];

    private static Storage[] Zeros(IBackend backend) => [.. Lengths.Select(n => backend.Allocate(n))];

    private static double[] Download(Storage s)
    {
        var values = new double[s.Length];
        s.Backend.Download(s, values);
        return values;
    }

    /// <summary>Records each <see cref="Optimizer.UpdateAll"/> call: the backend's name and how many parameters.</summary>
    private sealed class RecordingOptimizer(IEnumerable<Parameter> parameters) : Optimizer(parameters, 0.1, stateBuffers: 1)
    {
        public List<(string Backend, int Count)> Calls { get; } = [];

        protected override void UpdateAll(IBackend backend, ParameterBuffers parameters)
            => Calls.Add((backend.Name, parameters.Values.Length));
    }
}
