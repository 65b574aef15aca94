using MiniDL.Autograd.Nodes;

namespace MiniDL.GradCheck;

public static partial class GradCheckSuite
{
    static partial void AddNodes(List<GradCheckCase> cases)
    {
        cases.Add(new("matmul", v => MatMul.Forward(v[0], v[1]), (b, r) => [Uniform(b, r, 4, 3), Uniform(b, r, 3, 5)]));
        cases.Add(new("add", v => Add.Forward(v[0], v[1]), (b, r) => [Uniform(b, r, 3, 4), Uniform(b, r, 3, 4)]));
        cases.Add(new("add_bias", v => AddBias.Forward(v[0], v[1]), (b, r) => [Uniform(b, r, 4, 3), Uniform(b, r, 1, 3)]));
    }
}
