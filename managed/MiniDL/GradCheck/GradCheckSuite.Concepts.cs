using MiniDL.Autograd.Activations;
using MiniDL.Autograd.Nodes;
using MiniDL.Layers;
using MiniDL.Regularization;

namespace MiniDL.GradCheck;

public static partial class GradCheckSuite
{
    private static readonly HashSet<int> FirstInputIsConstant = [0];

    /// <summary>
    /// Lecture concepts built from nodes: the regularizers' penalties (weights kept 0.1 from L1's kink at 0), the skip
    /// connection <c>X + tanh(X W + b)</c>, and the bias trick <c>[X, 1] · [W; b]</c> (the appended ones a constant).
    /// </summary>
    static partial void AddConcepts(List<GradCheckCase> cases)
    {
        cases.Add(new("l1_penalty", v => new L1(0.3).PenaltyOf(v[0]), (b, r) => [AwayFromZero(b, r, 3, 4)]));
        cases.Add(new("l2_penalty", v => new L2(0.3).PenaltyOf(v[0]), (b, r) => [Uniform(b, r, 3, 4)]));
        cases.Add(new("elastic_net_penalty", v => ElasticNet.Lesson1(0.3, 0.5).PenaltyOf(v[0]), (b, r) => [AwayFromZero(b, r, 3, 4)]));
        cases.Add(new(
            "residual(tanh(xW + b))",
            v => Residual.Forward(v[0], x => Tanh.Forward(AddBias.Forward(MatMul.Forward(x, v[1]), v[2]))),
            (b, r) => [Uniform(b, r, 4, 3), Uniform(b, r, 3, 3), Uniform(b, r, 1, 3)]));
        cases.Add(new(
            "bias_trick([x, 1]·[W; b])",
            v => BiasTrick.Forward(v[0], v[1]),
            (b, r) => [BiasTrick.AppendOne(Uniform(b, r, 4, 3)), Uniform(b, r, 4, 2)],
            FirstInputIsConstant));
    }
}
