namespace MiniDL.Tests.Autograd.Nodes;

/// <summary>y = −x; lecture 7: negation, d(−x)/dx = −1.</summary>
public class NegateTests() : UnaryNodeTests(GraphCases.Negate, Negate.Forward, v => -v, [-1.5, 0, 2.25], x: 3.0, derivative: -1.0)
{
}
