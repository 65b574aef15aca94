namespace MiniDL.Tests.Autograd.Nodes;

/// <summary>y = √x; (√x)′ = 1/(2√x).</summary>
public class SqrtTests() : UnaryNodeTests(GraphCases.Sqrt, Sqrt.Forward, Math.Sqrt, [0.25, 1, 2.5], x: 4.0, derivative: 0.25)
{
}
