using MiniDL.Native;

namespace MiniDL.Backends;

/// <summary>What <see cref="BackendRegistry.Probe"/> found for one backend kind (for <c>minidl info</c>).</summary>
/// <param name="Kind">"reference", "cpu" or "cuda".</param>
/// <param name="Available">Whether the backend can be created here.</param>
/// <param name="Path">The native library's file, when it loaded.</param>
/// <param name="AbiVersion">The library's ABI version, when it loaded.</param>
/// <param name="Device">The device or CPU the build reports, when available.</param>
/// <param name="Reason">One line: what it is, or why it is not available (the paths tried, the missing device …).</param>
public sealed record BackendProbe(string Kind, bool Available, string? Path, int? AbiVersion, NativeDeviceInfo? Device, string Reason);
