namespace MiniDL.Tests.Autograd.Nodes;

/// <summary>y = x²; (x²)′ = 2x.</summary>
public class SquareTests() : UnaryNodeTests(GraphCases.Square, Square.Forward, v => v * v, [-1.5, 0, 2], x: -3.0, derivative: -6.0)
{
}
