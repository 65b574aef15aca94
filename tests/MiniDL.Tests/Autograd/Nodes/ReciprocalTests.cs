namespace MiniDL.Tests.Autograd.Nodes;

/// <summary>y = 1/x; lecture 7: 1/x → −1/x², at x = 2: −1/4.</summary>
public class ReciprocalTests() : UnaryNodeTests(GraphCases.Reciprocal, Reciprocal.Forward, v => 1.0 / v, [-1.5, 0.5, 2], x: 2.0, derivative: -0.25)
{
}
