using MiniDL.Tests.Porting;

namespace MiniDL.Tests.Packaging;

/// <summary>
/// The NuGet packages as a student uses them: MiniDL from a local folder feed in a fresh console project and in a
/// .NET 10 file-based app (<c>#:package</c>), each running the gradient check on the native CPU backend through the
/// package's runtimes/&lt;rid&gt;/native/ library; and the MiniDL.Cli tool installed with <c>--tool-path</c>.
/// </summary>
/// <remarks>
/// Slow (restores and builds): one fixture. The packages come from artifacts/packages when <c>./build.sh pack</c>
/// made them, else they are packed here (<c>dotnet pack --no-build</c>) with the native library of
/// MINIDL_NATIVE_PATH or build/native. Restores use a nuget.config with only the local feed and a private package
/// folder, so they need no network; if restoring still fails for a reason outside the package, the tests are skipped
/// with NuGet's error.
/// </remarks>
[TestFixture]
[NonParallelizable]
public class PackageTests
{
    private const string Version = "0.1.0";
    private string _work = "";
    private string _feed = "";
    private Dictionary<string, string?> _env = [];

    [OneTimeSetUp]
    public void PackIntoALocalFeed()
    {
        _work = Path.Combine(Path.GetTempPath(), $"minidl-packaging-{Guid.NewGuid():N}");
        _feed = Path.Combine(_work, "feed");
        Directory.CreateDirectory(_feed);
        var root = ExternalTools.RepoRoot;
        _env = new()
        {
            ["MINIDL_NATIVE_PATH"] = null, // the library must come from the package
            ["NUGET_PACKAGES"] = Path.Combine(_work, "nuget-packages"),
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",
        };
        File.WriteAllText(Path.Combine(_work, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{_feed}" />
              </packageSources>
            </configuration>
            """);

        var packed = Path.Combine(root, "artifacts", "packages");
        if (File.Exists(Path.Combine(packed, $"MiniDL.{Version}.nupkg")) && File.Exists(Path.Combine(packed, $"MiniDL.Cli.{Version}.nupkg")))
        {
            foreach (var f in Directory.GetFiles(packed, "*.nupkg"))
            {
                File.Copy(f, Path.Combine(_feed, Path.GetFileName(f)));
            }

            return;
        }

        var nativeDir = Environment.GetEnvironmentVariable("MINIDL_NATIVE_PATH") is { Length: > 0 } p && Directory.Exists(p) ? p : Path.Combine(root, "build", "native");
        var lib = Path.Combine(nativeDir, OperatingSystem.IsWindows() ? "minidl_cpu.dll" : OperatingSystem.IsMacOS() ? "libminidl_cpu.dylib" : "libminidl_cpu.so");
        if (!File.Exists(lib))
        {
            Assert.Ignore($"no native CPU library at {lib} to pack (build it with ./build.sh native)");
        }

        var rid = System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier;
        var nativeRoot = Path.Combine(_work, "native") + Path.DirectorySeparatorChar;
        Directory.CreateDirectory(Path.Combine(nativeRoot, rid));
        File.Copy(lib, Path.Combine(nativeRoot, rid, Path.GetFileName(lib)));
        foreach (var project in new[] { "managed/MiniDL", "managed/MiniDL.Cli" })
        {
            var (exit, stdout, stderr) = ExternalTools.Run("dotnet", ["pack", project, "-c", "Release", "--no-build", "-o", _feed, $"-p:MinidlNativeRoot={nativeRoot}", "-nologo"], root, 600, _env);
            Assert.That(exit, Is.EqualTo(0), $"dotnet pack {project}:\n{stdout}\n{stderr}");
        }
    }

    [OneTimeTearDown]
    public void DeleteWorkFolder()
    {
        if (Directory.Exists(_work))
        {
            Directory.Delete(_work, recursive: true);
        }
    }

    [Test]
    public void LibraryPackage_Packed_HoldsTheLicenseTheNuspecNames()
    {
        using var package = System.IO.Compression.ZipFile.OpenRead(Path.Combine(_feed, $"MiniDL.{Version}.nupkg"));
        var names = package.Entries.Select(e => e.FullName).ToList();
        var nuspec = package.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal));
        using var reader = new StreamReader(nuspec.Open());
        var manifest = reader.ReadToEnd();

        Assert.Multiple(() =>
        {
            Assert.That(names, Does.Contain("LICENSE"));
            Assert.That(names, Does.Contain("ATTRIBUTION.md"), "the data sets' sources and licences travel with the package");
            Assert.That(manifest, Does.Contain("<license type=\"file\">LICENSE</license>"));
        });
    }

    [Test]
    public void ConsoleProject_PackageReference_RunsTheGradientCheckOnTheNativeCpuBackend()
    {
        var app = Path.Combine(_work, "console");
        Directory.CreateDirectory(app);
        File.WriteAllText(Path.Combine(app, "console.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="MiniDL" Version="{Version}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(app, "Program.cs"), GradCheckProgram);

        var (exit, stdout, stderr) = Dotnet(app, "run", "-c", "Release");

        Assert.That(exit, Is.EqualTo(0), stdout + stderr);
        Assert.That(stdout, Does.Match(@"all \d+ gradient checks passed on backend 'cpu'"));
    }

    [Test]
    public void FileBasedApp_PackageDirective_RunsTheGradientCheckOnTheNativeCpuBackend()
    {
        var app = Path.Combine(_work, "filebased");
        Directory.CreateDirectory(app);
        // PublishAot, on by default for file-based apps, would restore the AOT compiler's packages from nuget.org.
        File.WriteAllText(Path.Combine(app, "gradcheck.cs"), $"#:package MiniDL@{Version}\n#:property PublishAot=false\n" + GradCheckProgram);

        var (exit, stdout, stderr) = Dotnet(app, "run", "gradcheck.cs");

        Assert.That(exit, Is.EqualTo(0), stdout + stderr);
        Assert.That(stdout, Does.Match(@"all \d+ gradient checks passed on backend 'cpu'"));
    }

    [Test]
    public void ToolPackage_InstalledWithToolPath_RunsLessons()
    {
        var tools = Path.Combine(_work, "tools");
        var (installExit, installOut, installErr) = Dotnet(_work, "tool", "install", "MiniDL.Cli", "--version", Version, "--tool-path", tools, "--configfile", Path.Combine(_work, "nuget.config"));
        Assert.That(installExit, Is.EqualTo(0), installOut + installErr);

        var (exit, stdout, stderr) = ExternalTools.Run(Path.Combine(tools, OperatingSystem.IsWindows() ? "minidl.exe" : "minidl"), ["lessons"], _work, 600, _env);

        Assert.That(exit, Is.EqualTo(0), stdout + stderr);
        Assert.That(stdout, Is.Not.Empty);
    }

    private const string GradCheckProgram = """
        using MiniDL;
        using MiniDL.Backends;
        using MiniDL.GradCheck;

        if (!BackendRegistry.TryCreate("cpu", DType.Float64, out var backend, out var reason) || backend is null)
        {
            Console.WriteLine($"no native CPU backend: {reason}");
            return 3;
        }

        var reports = GradCheckSuite.Run(backend).ToList();
        var failed = reports.Where(r => !r.Passed).Select(r => r.Name).ToList();
        Console.WriteLine(failed.Count == 0 ? $"all {reports.Count} gradient checks passed on backend '{backend.Name}'" : $"FAILED: {string.Join(", ", failed)}");
        return failed.Count == 0 ? 0 : 1;
        """;

    /// <summary>Runs dotnet; skips the test when restoring failed for a reason outside the package (e.g. no network).</summary>
    private (int Exit, string Stdout, string Stderr) Dotnet(string directory, params string[] args)
    {
        var result = ExternalTools.Run("dotnet", args, directory, 900, _env);
        var text = result.Stdout + result.Stderr;
        if (result.Exit != 0 && (text.Contains("NU1301", StringComparison.Ordinal) || (text.Contains("NU1101", StringComparison.Ordinal) && !text.Contains("MiniDL", StringComparison.OrdinalIgnoreCase))))
        {
            Assert.Ignore($"NuGet restore cannot work here: {text.Split('\n').FirstOrDefault(l => l.Contains("NU1", StringComparison.Ordinal))?.Trim()}");
        }

        return result;
    }
}
