// The namespaces nearly every test file uses: the autograd graph, its nodes, activations and losses, the backends,
// the gradient checker, FsCheck's generators and the shared test support.
global using FsCheck;
global using FsCheck.Fluent;
global using MiniDL.Autograd;
global using MiniDL.Autograd.Activations;
global using MiniDL.Autograd.Losses;
global using MiniDL.Autograd.Nodes;
global using MiniDL.Backends;
global using MiniDL.GradCheck;
global using MiniDL.Tests.TestSupport;
