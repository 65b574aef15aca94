namespace MiniDL.Tests.Autograd.Nodes;

/// <summary>y = a x; lecture 7: a·x → a.</summary>
public class MultiplyConstantTests() : UnaryNodeTests(GraphCases.MultiplyConstant, x => MultiplyConstant.Forward(x, -2.5), v => -2.5 * v, [-1.5, 0, 2], x: 0.7, derivative: -2.5)
{
}
