using MiniDL.Autograd;
using MiniDL.Autograd.Activations;
using MiniDL.Autograd.Losses;
using MiniDL.Autograd.Nodes;
using MiniDL.Backends;
using MiniDL.GradCheck;
using MiniDL.Layers;
using MiniDL.Tests.TestSupport;

namespace MiniDL.Tests.Autograd;

/// <summary>Graph replay: changing the leaves and replaying a recorded graph gives what building it anew gives.</summary>
[TestFixture]
public class TapeTests
{
    private static IEnumerable<string> ReplayBackends => ["reference", "cpu-f64"];

    [TestCaseSource(nameof(ReplayBackends))]
    public void Replay_EveryGradCheckCase_MatchesBuildingAnew(string backendName)
    {
        var backend = TestBackends.Get(backendName);
        var cases = GradCheckSuite.All();
        Assert.That(cases, Has.Count.GreaterThan(40), "the suite covers every node, activation and loss");
        foreach (var c in cases)
        {
            var first = c.MakeInputs(backend, new Random(7));
            var second = c.MakeInputs(backend, new Random(8));

            // Record with the first inputs, then write the second ones into the same leaves and replay.
            var leaves = Leaves(first, c.ConstantInputs);
            var (output, objective) = Objective(c, leaves, backend);
            var tape = new Tape(objective);
            tape.Backward();
            for (int k = 0; k < leaves.Length; k++)
            {
                backend.Upload(second[k].ToArray(), leaves[k].Value.Storage);
                leaves[k].ClearGrad();
            }

            tape.Forward();
            tape.Backward();

            // Build the same graph eagerly on the second inputs.
            var fresh = Leaves(second, c.ConstantInputs);
            var (freshOutput, freshObjective) = Objective(c, fresh, backend);
            freshObjective.Backward();

            Assert.That(output.Value.ToArray(), Is.EqualTo(freshOutput.Value.ToArray()), $"{c.Name}: replayed value");
            for (int k = 0; k < leaves.Length; k++)
            {
                Assert.That(leaves[k].Grad?.ToArray(), Is.EqualTo(fresh[k].Grad?.ToArray()), $"{c.Name}: gradient of input {k}");
            }
        }
    }

    [TestCase(false)]
    [TestCase(true)]
    public void Replay_MlpTrainingSteps_MatchesEagerSteps(bool batchNormAndDropout)
    {
        // Two copies of one model take three SGD steps on changing batches: one records its graph once and replays it,
        // the other builds a new graph per step. Losses, weights and batch norm's running statistics agree exactly;
        // dropout draws the same new mask per step in both.
        var replayed = Model(batchNormAndDropout);
        var eager = Model(batchNormAndDropout);
        var x = Node.Constant(Tensor.Zeros(6, 4));
        var t = Node.Constant(Tensor.Zeros(6, 3));
        Tape? tape = null;
        var rng = new Random(11);
        for (int step = 0; step < 3; step++)
        {
            var (xs, ts) = Batch(rng);
            ReferenceBackend.Instance.Upload(xs, x.Value.Storage);
            ReferenceBackend.Instance.Upload(ts, t.Value.Storage);
            if (tape is null)
            {
                tape = new Tape(SoftmaxCrossEntropy.Forward(replayed.Forward(x), t));
            }
            else
            {
                tape.Forward();
            }

            ZeroGrad(replayed);
            tape.Backward();
            Sgd(replayed);

            var loss = SoftmaxCrossEntropy.Forward(eager.Forward(Node.Constant(Tensor.FromArray(xs, 6, 4))), Node.Constant(Tensor.FromArray(ts, 6, 3)));
            ZeroGrad(eager);
            loss.Backward();
            Sgd(eager);
            loss.ReleaseGraph();

            Assert.That(tape.Output.Value.Item(), Is.EqualTo(loss.Value.Item()), $"loss at step {step}");
        }

        Assert.That(replayed.State().Select(p => p.Value.ToArray()), Is.EqualTo(eager.State().Select(p => p.Value.ToArray())));
        if (batchNormAndDropout)
        {
            var running = replayed.Buffers().First(b => b.Name.EndsWith("running_mean", StringComparison.Ordinal)).Value.ToArray();
            Assert.That(running, Has.Some.Not.EqualTo(0.0), "the running mean was updated by the replayed steps");
        }
    }

    [Test]
    public void Replay_ReferenceBackend_AllocatesNoManagedMemory()
    {
        var model = Model(batchNormAndDropout: true);
        var loss = SoftmaxCrossEntropy.Forward(model.Forward(Node.Constant(Tensor.FromArray(Batch(new Random(2)).X, 6, 4))), Node.Constant(Tensor.FromArray(Batch(new Random(3)).T, 6, 3)));
        var tape = new Tape(loss);
        tape.Backward();
        tape.Forward();
        tape.Backward();
        long allocated = ManagedBytes.AllocatedBy(10, () =>
        {
            tape.Forward();
            tape.Backward();
        });
        Assert.That(allocated, Is.EqualTo(0));
    }

    [Test]
    public void Constructor_NodeWithoutForwardRule_ThrowsNamingTheNode()
    {
        var x = Node.Leaf(Tensor.Zeros(2, 2));
        var custom = new Node(Tensor.Zeros(2, 2), "custom", [x]);
        var ex = Assert.Throws<ArgumentException>(() => _ = new Tape(Sum.Forward(custom)));
        Assert.That(ex!.Message, Does.Contain("custom").And.Contain("forward rule"));
    }

    [Test]
    public void Backward_NonScalarOutput_Throws()
    {
        var tape = new Tape(Relu.Forward(Node.Leaf(Tensor.Zeros(2, 2))));
        Assert.Throws<InvalidOperationException>(tape.Backward);
    }

    private static Node[] Leaves(Tensor[] inputs, IReadOnlySet<int>? constants)
        => inputs.Select((v, k) => Node.Leaf(v.Clone(), $"x{k}", requiresGrad: constants?.Contains(k) != true)).ToArray();

    /// <summary>The case's output and the scalar <c>J = Σ output ⊙ R</c> with a fixed R (what the gradient checker uses).</summary>
    private static (Node Output, Node Objective) Objective(GradCheckCase c, Node[] leaves, IBackend backend)
    {
        var output = c.Function(leaves);
        var rng = new Random(5);
        var r = Enumerable.Range(0, (int)output.Value.Length).Select(_ => (rng.NextDouble() * 2) - 1).ToArray();
        var weights = Node.Constant(new Tensor(backend.Allocate(r.Length), output.Rows, output.Columns, output.Value.Rank));
        backend.Upload(r, weights.Value.Storage);
        return (output, Sum.Forward(Multiply.Forward(output, weights)));
    }

    private static Sequential Model(bool batchNormAndDropout)
        => Sequential.Mlp([4, 5, 3], Activation.Relu, seed: 3, dropout: batchNormAndDropout ? 0.3 : 0, batchNorm: batchNormAndDropout);

    /// <summary>A batch of 6 examples, 4 features, 3 classes.</summary>
    private static (double[] X, double[] T) Batch(Random rng) => RandomBatch.Draw(rng, rows: 6, features: 4, classes: 3);

    private static void ZeroGrad(Layer model)
    {
        foreach (var p in model.Parameters())
        {
            p.ZeroGrad();
        }
    }

    private static void Sgd(Layer model)
    {
        foreach (var p in model.Parameters())
        {
            p.Backend.SgdStep(0.1, p.Grad!.Storage, p.Value.Storage);
        }
    }
}
