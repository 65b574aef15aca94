namespace MiniDL.Checkpoints;

/// <summary>
/// One named tensor of a checkpoint, held as a plain row-major array: its name, shape, values and the
/// element type to store it as.
/// </summary>
/// <param name="Name">The tensor's name, e.g. "layer0.W" (unique in a file, not "__metadata__").</param>
/// <param name="Shape">The dimensions, row-major; <c>[]</c> is a scalar. Their product must equal <c>Data.Length</c>.</param>
/// <param name="Data">The values, row-major (the last dimension varies fastest).</param>
/// <param name="DType">How the values are stored: F32 rounds each value to float, F64 keeps them exactly.</param>
public sealed record NamedArray(string Name, int[] Shape, double[] Data, SafeTensorsDType DType = SafeTensorsDType.F64);
