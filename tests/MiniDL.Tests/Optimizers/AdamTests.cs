using MiniDL.Autograd;
using MiniDL.Autograd.Nodes;
using MiniDL.Layers;
using MiniDL.Optimizers;
using MiniDL.Tests.TestSupport;
using static MiniDL.Tests.Optimizers.OptimizerTestKit;

namespace MiniDL.Tests.Optimizers;

public class AdamTests
{
    [Test]
    public void Constructor_Defaults_AreTheLecturesDefaults()
    {
        var opt = new Adam([Param(0.0)]);
        Assert.That((opt.LearningRate, opt.Beta1, opt.Beta2, opt.Epsilon), Is.EqualTo((0.001, 0.9, 0.999, 1e-8)));
    }

    [Test]
    public void Step_QuadraticThreeSteps_HandValues()
    {
        // J = w², g = 2w, lr = 0.1, w₀ = 1.
        // t=1: g = 2, m = 0.2, v = 0.004, m̂ = 0.2/0.1 = 2, v̂ = 0.004/0.001 = 4, w = 1 − 0.1·2/(2 + 1e−8) = 0.9000000005.
        // t=2: g = 1.800000001, m = 0.18 + 0.1800000001 = 0.3600000001, v = 0.003996 + 0.00324 = 0.0072360000036,
        //      m̂ = 0.3600000001/0.19 = 1.8947368426, v̂ = 0.0072360000036/0.001999 = 3.6198099068, √v̂ = 1.9025798,
        //      w = 0.9000000005 − 0.1·1.8947368426/1.9025798 = 0.80041222869.
        // t=3: g = 1.6008244574, m = 0.48408244583, v = 0.0097914029, m̂ = m/0.271 = 1.7862820879, v̂ = v/0.002997001 = 3.2670669603,
        //      w = 0.80041222869 − 0.1·1.7862820879/1.8075034 = 0.70158627295.
        var w = Param(1.0);
        var opt = new Adam([w], learningRate: 0.1);
        foreach (var e in new[] { 0.9000000005, 0.8004122286917928, 0.7015862729460303 })
        {
            opt.ZeroGrad();
            SquareBackward(w);
            opt.Step();
            Assert.That(w.Value.Item(), Is.EqualTo(e).Within(1e-12));
        }

        Assert.That(opt.Steps, Is.EqualTo(3));
    }

    [TestCaseSource(typeof(TestBackends), nameof(TestBackends.Native))]
    public void Step_NativeBackendOneCallForAllParameters_MatchesReferenceBackend(string backendName)
    {
        // On a native backend Adam updates every parameter with one multi-tensor call (mdl_adam_step_multi); the weights
        // must follow the reference backend's Adam.Update on each weight (float32 within its precision).
        var backend = TestBackends.Get(backendName);
        double[] Run(MiniDL.Backends.IBackend b)
        {
            var w1 = new Parameter("w1", Tensor.FromArray([0.5, -1.0, 2.0], 1, 3, b));
            var w2 = new Parameter("w2", Tensor.FromArray([1.5, -0.25], 2, 1, b));
            var opt = new Adam([w1, w2], learningRate: 0.1);
            for (int step = 0; step < 4; step++)
            {
                opt.ZeroGrad();
                var j = Add.Forward(Sum.Forward(Square.Forward(w1.Node)), Sum.Forward(Multiply.Forward(w2.Node, w2.Node)));
                j.Backward();
                j.ReleaseGraph();
                opt.Step();
            }

            return [.. w1.Value.ToArray(), .. w2.Value.ToArray()];
        }

        double tolerance = backend.DType == MiniDL.Backends.DType.Float32 ? 1e-5 : 1e-12;
        Assert.That(Run(backend), Is.EqualTo(Run(MiniDL.Backends.ReferenceBackend.Instance)).Within(tolerance));
    }
}
