namespace MiniDL.Native;

/// <summary>The kernel families that the native profile counts calls under (<c>mdl_family</c> in minidl.h).</summary>
public enum KernelFamily
{
    /// <summary>Alloc, free, fill and the copies between host and device (data staging, downloads).</summary>
    Memory = 0,

    /// <summary>Scale, axpy, map, zip and their backward, dropout masks.</summary>
    Elementwise = 1,

    /// <summary>Add bias and the row/column broadcasts with their backward.</summary>
    Broadcast = 2,

    /// <summary>Column sums, row sums, sum.</summary>
    Reduce = 3,

    /// <summary>Matrix products and transposes.</summary>
    Gemm = 4,

    /// <summary>Softmax, log-softmax, softmax cross-entropy and their backward.</summary>
    Softmax = 5,

    /// <summary>SGD, momentum and Adam steps.</summary>
    Optimizer = 6,
}
