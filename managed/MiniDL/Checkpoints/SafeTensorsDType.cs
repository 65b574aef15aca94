namespace MiniDL.Checkpoints;

/// <summary>The element types MiniDL writes and reads in a safetensors file.</summary>
public enum SafeTensorsDType
{
    /// <summary>32-bit IEEE 754 float, little-endian ("F32"), 4 bytes per element; PyTorch's default <c>torch.float32</c>.</summary>
    F32,

    /// <summary>64-bit IEEE 754 float, little-endian ("F64"), 8 bytes per element; <c>torch.float64</c>, MiniDL's own precision.</summary>
    F64,
}
