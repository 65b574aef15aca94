// The library's own vocabulary, used by nearly every file: the graph (Node, Parameter) and the backend seam
// (IBackend, Storage, UnaryOp, BinaryOp).
global using MiniDL.Autograd;
global using MiniDL.Backends;
