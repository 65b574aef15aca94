using System.Diagnostics;

namespace MiniDL.Tests.Porting;

/// <summary>The repository root and external programs (python3, dotnet) for the porting and packaging tests.</summary>
internal static class ExternalTools
{
    /// <summary>The folder holding MiniDL.sln, found upward from the test assembly.</summary>
    public static string RepoRoot { get; } = FindRoot();

    /// <summary>Runs a program; returns its exit code and both streams (the test fails on a timeout). A null environment value removes the variable.</summary>
    public static (int Exit, string Stdout, string Stderr) Run(string file, IEnumerable<string> args, string? workingDirectory = null, int timeoutSeconds = 600, IDictionary<string, string?>? environment = null)
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory ?? RepoRoot,
        };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        foreach (var (k, v) in environment ?? new Dictionary<string, string?>())
        {
            if (v is null)
            {
                info.Environment.Remove(k);
            }
            else
            {
                info.Environment[k] = v;
            }
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"cannot start {file}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeoutSeconds * 1000))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{file} {string.Join(" ", args)} ran longer than {timeoutSeconds} s");
        }

        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>
    /// A Python that can import every module: $MINIDL_PYTHON, else python3 on the PATH, else /usr/bin/python3 (Debian's
    /// python3-numpy and python3-torch install there; a pyenv or venv python3 earlier on the PATH may lack them).
    /// </summary>
    /// <returns>The interpreter, or null and why not (for Assert.Ignore).</returns>
    public static (string? Python, string Reason) PythonWith(params string[] modules)
    {
        var candidates = new[] { Environment.GetEnvironmentVariable("MINIDL_PYTHON"), "python3", "/usr/bin/python3" }
            .Where(c => !string.IsNullOrEmpty(c)).Distinct().ToList();
        var reasons = new List<string>();
        foreach (var python in candidates)
        {
            try
            {
                var (exit, _, stderr) = Run(python!, ["-c", string.Join(";", modules.Select(m => $"import {m}"))], timeoutSeconds: 120);
                if (exit == 0)
                {
                    return (python, "");
                }

                reasons.Add($"{python}: {stderr.Trim().Split('\n').LastOrDefault()}");
            }
            catch (System.ComponentModel.Win32Exception e)
            {
                reasons.Add($"{python}: not found ({e.Message})");
            }
        }

        return (null, $"no Python with {string.Join(", ", modules)} ({string.Join("; ", reasons)}); install python3-{string.Join(" python3-", modules)} (./build.sh does it as root)");
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MiniDL.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("MiniDL.sln not found above the test assembly.");
    }
}
