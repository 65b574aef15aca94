namespace MiniDL.Tests.Autograd.Nodes;

/// <summary>y = eˣ; lecture 7: eˣ → eˣ.</summary>
public class ExpTests() : UnaryNodeTests(GraphCases.Exp, Exp.Forward, Math.Exp, [-1.5, 0, 2], x: 1.0, derivative: Math.E)
{
}
