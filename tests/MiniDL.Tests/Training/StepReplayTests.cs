using MiniDL.Data;
using MiniDL.Layers;
using MiniDL.Training;

namespace MiniDL.Tests.Training;

/// <summary>The trainer's recorded step: lecture 7's graph is built, the fused graph is replayed.</summary>
public class StepReplayTests
{
    [Test]
    public void Forward_Mlp_ReplaysTheFusedGraph()
    {
        var data = Datasets.Spiral(pointsPerClass: 8, classes: 3, seed: 1);
        var model = Sequential.Mlp([2, 6, 5, 3], seed: 2);
        int[] order = [.. Enumerable.Range(0, data.Count)];
        using var step = new StepReplay(model, null, null, [.. model.Parameters()], batchSize: 8, replay: true);
        var (first, objective) = step.Forward(data, order, 0, 8);
        objective.Backward();
        var (second, _) = step.Forward(data, order, 8, 8);
        Assert.That(second, Is.SameAs(first), "the second batch replays the recorded graph");
        var ops = step.Graph!.Select(n => n.Op).ToArray();
        Assert.That(ops.Count(op => op == "add_bias_activation"), Is.EqualTo(2), string.Join(", ", ops));
        Assert.That(ops, Does.Not.Contain("relu"));
    }

    [Test]
    public void Forward_ReplayOff_BuildsLectureGraphEachStep()
    {
        var data = Datasets.Spiral(pointsPerClass: 8, classes: 3, seed: 1);
        var model = Sequential.Mlp([2, 6, 3], seed: 2);
        int[] order = [.. Enumerable.Range(0, data.Count)];
        using var step = new StepReplay(model, null, null, [.. model.Parameters()], batchSize: 8, replay: false);
        var (first, objective) = step.Forward(data, order, 0, 8);
        Assert.That(first.TopologicalOrder().Select(n => n.Op), Does.Contain("relu").And.Contain("add_bias").And.Not.Contain("add_bias_activation"));
        objective.Backward();
        Assert.That(step.Forward(data, order, 8, 8).Loss, Is.Not.SameAs(first));
        Assert.That(step.Graph, Is.Null);
    }
}
