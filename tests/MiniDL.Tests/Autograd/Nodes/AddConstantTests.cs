namespace MiniDL.Tests.Autograd.Nodes;

/// <summary>y = c + x; lecture 7: c + x → 1.</summary>
public class AddConstantTests() : UnaryNodeTests(GraphCases.AddConstant, x => AddConstant.Forward(x, 1.0), v => 1.0 + v, [-1.5, 0, 2], x: 0.5, derivative: 1.0)
{
}
