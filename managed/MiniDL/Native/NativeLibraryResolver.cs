using System.Runtime.InteropServices;
using System.Text;

namespace MiniDL.Native;

/// <summary>Where <see cref="NativeLibraryResolver.Search"/> looks: the inputs, so that tests can point it anywhere.</summary>
/// <param name="EnvironmentPath">The value of <c>MINIDL_NATIVE_PATH</c> (a file or a directory), or null.</param>
/// <param name="BaseDirectory">The application folder (<see cref="AppContext.BaseDirectory"/>).</param>
/// <param name="CurrentDirectory">The working directory.</param>
/// <param name="UseOsSearch">Whether to finish with the OS loader's own search (<c>NativeLibrary.TryLoad(name)</c>).</param>
/// <param name="SourceDirectory">
/// A folder inside the checkout this assembly was compiled from (null: none). It finds <c>build/native</c> when the
/// binaries live outside the checkout (<c>dotnet build --artifacts-path /tmp/…</c>); elsewhere it simply does not exist.
/// </param>
public sealed record NativeSearchOptions(string? EnvironmentPath, string BaseDirectory, string CurrentDirectory, bool UseOsSearch = true, string? SourceDirectory = null)
{
    /// <summary>The options of this process: the environment variable, the app folder, the working directory, the OS search.</summary>
    public static NativeSearchOptions FromProcess()
        => new(Environment.GetEnvironmentVariable(NativeLibraryResolver.PathVariable), AppContext.BaseDirectory, Environment.CurrentDirectory,
            UseOsSearch: true, SourceDirectory: Path.GetDirectoryName(CompiledFrom()));

    private static string CompiledFrom([System.Runtime.CompilerServices.CallerFilePath] string path = "") => path;
}

/// <summary>
/// Finds and loads <c>libminidl_cpu</c> / <c>libminidl_cuda</c> (<c>.so</c>, <c>.dylib</c>, or <c>minidl_*.dll</c>)
/// and checks its ABI version. The search order:
/// <list type="number">
/// <item>the environment variable <c>MINIDL_NATIVE_PATH</c> (a file, or a directory holding the library);</item>
/// <item>the CMake build folder: walking up from the app folder, from the working directory (and from the source checkout
/// this assembly was compiled from, when it exists) to a folder that holds <c>MiniDL.sln</c> or <c>build/native</c>, then
/// <c>&lt;that&gt;/build/native/</c> (and <c>build-cuda/native/</c> for cuda);</item>
/// <item>NuGet's layout <c>&lt;app&gt;/runtimes/&lt;rid&gt;/native/</c> for this runtime's RID and the portable one (e.g. linux-x64);</item>
/// <item>the app folder itself;</item>
/// <item>the OS loader's search (LD_LIBRARY_PATH, PATH …).</item>
/// </list>
/// A file that exists but fails to load is noted and the search goes on; a library that loads but has another ABI
/// version is refused outright (a stale build must be rebuilt, not silently skipped).
/// </summary>
public static class NativeLibraryResolver
{
    /// <summary>The environment variable that names the library file or its folder.</summary>
    public const string PathVariable = "MINIDL_NATIVE_PATH";

    private static readonly Lock Gate = new();
    private static readonly Dictionary<string, (NativeApi? Api, string Reason)> Cache = new(StringComparer.Ordinal);

    /// <summary>
    /// The library of <paramref name="flavor"/> ("cpu" or "cuda") for this process, loaded once and cached (success
    /// or failure). <paramref name="reason"/> explains a failure: every path tried and how to build the library.
    /// </summary>
    public static bool TryLoad(string flavor, out NativeApi? api, out string reason)
    {
        lock (Gate)
        {
            if (!Cache.TryGetValue(flavor, out var entry))
            {
                var found = Search(flavor, NativeSearchOptions.FromProcess(), out var a, out var r);
                entry = (found ? a : null, r);
                Cache[flavor] = entry;
            }

            api = entry.Api;
            reason = entry.Reason;
            return api is not null;
        }
    }

    /// <summary>The file names of the library on this OS, e.g. <c>libminidl_cpu.so</c>.</summary>
    public static IReadOnlyList<string> FileNames(string flavor)
    {
        if (OperatingSystem.IsWindows())
        {
            return [$"minidl_{flavor}.dll", $"libminidl_{flavor}.dll"];
        }

        return OperatingSystem.IsMacOS() ? [$"libminidl_{flavor}.dylib"] : [$"libminidl_{flavor}.so"];
    }

    /// <summary>The candidate files in search order (without the final OS search), each once.</summary>
    public static IReadOnlyList<string> Candidates(string flavor, NativeSearchOptions options)
    {
        var names = FileNames(flavor);
        var result = new List<string>();
        void AddDirectory(string dir)
        {
            foreach (var n in names)
            {
                var p = Path.GetFullPath(Path.Combine(dir, n));
                if (!result.Contains(p))
                {
                    result.Add(p);
                }
            }
        }

        if (!string.IsNullOrWhiteSpace(options.EnvironmentPath))
        {
            var env = options.EnvironmentPath;
            if (names.Contains(Path.GetFileName(env)))
            {
                // The file of this flavor itself.
                result.Add(Path.GetFullPath(env));
            }
            else if (File.Exists(env) && FileNames(flavor == "cpu" ? "cuda" : "cpu").Contains(Path.GetFileName(env)))
            {
                // A file of the other flavor (MINIDL_NATIVE_PATH=…/libminidl_cpu.so): look beside it.
                AddDirectory(Path.GetDirectoryName(Path.GetFullPath(env))!);
            }
            else if (File.Exists(env))
            {
                // A library file under another name (renamed or copied): this flavor's file when its name says so,
                // or the CPU library when the name names no flavor.
                string name = Path.GetFileName(env);
                if (name.Contains(flavor, StringComparison.OrdinalIgnoreCase) || (flavor == "cpu" && !name.Contains("cuda", StringComparison.OrdinalIgnoreCase)))
                {
                    result.Add(Path.GetFullPath(env));
                }
                else
                {
                    AddDirectory(Path.GetDirectoryName(Path.GetFullPath(env))!);
                }
            }
            else
            {
                AddDirectory(env);
            }
        }

        foreach (var start in new[] { options.BaseDirectory, options.CurrentDirectory, options.SourceDirectory })
        {
            var root = start is null || !Directory.Exists(start) ? null : FindRepositoryRoot(start);
            if (root is not null)
            {
                AddDirectory(Path.Combine(root, "build", "native"));
                if (flavor == "cuda")
                {
                    AddDirectory(Path.Combine(root, "build-cuda", "native"));
                }
            }
        }

        foreach (var rid in RuntimeIds())
        {
            AddDirectory(Path.Combine(options.BaseDirectory, "runtimes", rid, "native"));
        }

        AddDirectory(options.BaseDirectory);
        return result;
    }

    /// <summary>
    /// Searches for and loads the library of <paramref name="flavor"/> (uncached; <see cref="TryLoad"/> caches it).
    /// On failure <paramref name="reason"/> lists every path tried and says how to build the library.
    /// </summary>
    public static bool Search(string flavor, NativeSearchOptions options, out NativeApi? api, out string reason)
    {
        api = null;
        if (flavor is not ("cpu" or "cuda"))
        {
            reason = $"unknown native flavor '{flavor}' (use cpu or cuda).";
            return false;
        }

        if (!string.IsNullOrWhiteSpace(options.EnvironmentPath) && !File.Exists(options.EnvironmentPath) && !Directory.Exists(options.EnvironmentPath))
        {
            reason = $"{PathVariable}='{options.EnvironmentPath}' names no file or folder (was the library moved or renamed?); "
                     + $"set it to the library file or its folder, or unset it to search the build folder.";
            return false;
        }

        var tried = new List<string>();
        foreach (var path in Candidates(flavor, options))
        {
            if (!File.Exists(path))
            {
                tried.Add($"{path} (not found)");
                continue;
            }

            if (LibraryFileCheck.Truncated(path) is { } truncated)
            {
                // A truncated file would crash the OS loader (SIGBUS reading past the end of the mapping): refuse it
                // before loading, and stop: a half-written build must be rebuilt, not silently passed over.
                reason = $"{path} is {truncated}: rebuild it with `./build.sh native`.";
                return false;
            }

            if (!TryOpen(path, flavor, out api, out var error, out bool fatal))
            {
                if (fatal)
                {
                    reason = error;
                    return false;
                }

                tried.Add($"{path} (exists but failed to load: {error})");
                continue;
            }

            reason = string.Empty;
            return true;
        }

        if (options.UseOsSearch)
        {
            foreach (var name in FileNames(flavor))
            {
                if (NativeLibrary.TryLoad(name, out var handle))
                {
                    if (TryBind(handle, $"{name} (from the OS search path)", flavor, out api, out var error, out bool fatal))
                    {
                        reason = string.Empty;
                        return true;
                    }

                    if (fatal)
                    {
                        reason = error;
                        return false;
                    }

                    tried.Add($"{name} via the OS search (loaded but unusable: {error})");
                }
                else
                {
                    tried.Add($"{name} via the OS search path (not found)");
                }
            }
        }

        reason = FailureMessage(flavor, tried);
        return false;
    }

    /// <summary>The failure message: what was not found, every path tried, and how to build it.</summary>
    internal static string FailureMessage(string flavor, IReadOnlyList<string> tried)
    {
        var sb = new StringBuilder();
        sb.Append($"no libminidl_{flavor} found (tried ");
        sb.Append(string.Join("; ", tried));
        sb.Append($"). Build it with `./build.sh native`");
        if (flavor == "cuda")
        {
            sb.Append(" on a machine with nvcc (MINIDL_CUDA=ON)");
        }

        sb.Append($", or set {PathVariable} to the library file or its folder.");
        return sb.ToString();
    }

    /// <summary>
    /// The ABI check done right after loading: null when <paramref name="found"/> equals
    /// <see cref="NativeApi.ExpectedAbiVersion"/>, else the refusal message (both versions and the path).
    /// </summary>
    public static string? CheckAbiVersion(int found, string path)
        => found == NativeApi.ExpectedAbiVersion
            ? null
            : $"{path} has ABI version {found}, but this MiniDL was written against ABI version {NativeApi.ExpectedAbiVersion} "
              + "(MDL_ABI_VERSION in native/include/minidl.h). Rebuild the native library from the same checkout (`./build.sh native`).";

    private static bool TryOpen(string path, string flavor, out NativeApi? api, out string error, out bool fatal)
    {
        api = null;
        fatal = false;
        nint handle;
        try
        {
            handle = NativeLibrary.Load(path);
        }
        catch (Exception e) when (e is DllNotFoundException or BadImageFormatException)
        {
            error = e.Message;
            return false;
        }

        return TryBind(handle, path, flavor, out api, out error, out fatal);
    }

    private static unsafe bool TryBind(nint handle, string path, string flavor, out NativeApi? api, out string error, out bool fatal)
    {
        api = null;
        fatal = false;
        if (!NativeLibrary.TryGetExport(handle, "mdl_abi_version", out var versionExport))
        {
            NativeLibrary.Free(handle);
            error = "it does not export mdl_abi_version (not a MiniDL library?)";
            return false;
        }

        int version = ((delegate* unmanaged[Cdecl]<int>)versionExport)();
        var mismatch = CheckAbiVersion(version, path);
        if (mismatch is not null)
        {
            NativeLibrary.Free(handle);
            fatal = true;
            error = mismatch;
            return false;
        }

        try
        {
            api = NativeApi.Bind(handle, path, flavor);
        }
        catch (EntryPointNotFoundException e)
        {
            NativeLibrary.Free(handle);
            fatal = true;
            error = $"{path}: {e.Message}";
            return false;
        }

        error = string.Empty;
        return true;
    }

    /// <summary>Walks up from <paramref name="start"/> to the first folder holding <c>MiniDL.sln</c> or <c>build/native</c>.</summary>
    internal static string? FindRepositoryRoot(string start)
    {
        if (string.IsNullOrEmpty(start))
        {
            return null;
        }

        var dir = new DirectoryInfo(Path.GetFullPath(start));
        while (dir is not null)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MiniDL.sln")) || Directory.Exists(Path.Combine(dir.FullName, "build", "native")))
            {
                return dir.FullName;
            }

            dir = dir.Parent;
        }

        return null;
    }

    /// <summary>This runtime's RID (e.g. debian.12-x64 or linux-x64) and the portable one (linux-x64).</summary>
    internal static IReadOnlyList<string> RuntimeIds()
    {
        var rid = RuntimeInformation.RuntimeIdentifier;
        string os = OperatingSystem.IsWindows() ? "win" : OperatingSystem.IsMacOS() ? "osx" : "linux";
        string portable = $"{os}-{RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant()}";
        return rid == portable ? [rid] : [rid, portable];
    }
}
