namespace MiniDL.Backends;

/// <summary>The element type a backend stores. Mirrors <c>mdl_dtype</c> in native/include/minidl.h.</summary>
public enum DType
{
    /// <summary>32-bit IEEE float (<c>MDL_F32</c>): the fast path for training.</summary>
    Float32 = 0,

    /// <summary>64-bit IEEE float (<c>MDL_F64</c>): the reference path and gradient checking.</summary>
    Float64 = 1,
}
