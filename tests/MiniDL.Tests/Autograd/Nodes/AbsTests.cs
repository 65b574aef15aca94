namespace MiniDL.Tests.Autograd.Nodes;

/// <summary>y = |x|; |x|′ = sign(x).</summary>
public class AbsTests() : UnaryNodeTests(GraphCases.Abs, Abs.Forward, Math.Abs, [-1.5, 0, 2], x: -3.0, derivative: -1.0)
{
}
