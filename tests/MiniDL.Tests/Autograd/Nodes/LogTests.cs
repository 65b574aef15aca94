namespace MiniDL.Tests.Autograd.Nodes;

/// <summary>y = ln x; (ln x)′ = 1/x.</summary>
public class LogTests() : UnaryNodeTests(GraphCases.Log, Log.Forward, Math.Log, [0.5, 1, 2.5], x: 4.0, derivative: 0.25)
{
}
