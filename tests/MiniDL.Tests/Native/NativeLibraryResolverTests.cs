using MiniDL.Native;
using MiniDL.Tests.TestSupport;

namespace MiniDL.Tests.Native;

[TestFixture]
public class NativeLibraryResolverTests : TemporaryFolderTest
{
    private NativeSearchOptions Nowhere() => new(Folder, Folder, Folder, UseOsSearch: false);

    [Test]
    public void Search_NothingFound_MessageListsEveryPathTriedAndHowToBuild()
    {
        bool found = NativeLibraryResolver.Search("cpu", Nowhere(), out var api, out var reason);
        var candidates = NativeLibraryResolver.Candidates("cpu", Nowhere());
        Assert.Multiple(() =>
        {
            Assert.That(found, Is.False);
            Assert.That(api, Is.Null);
            Assert.That(candidates, Is.Not.Empty);
            foreach (var path in candidates)
            {
                Assert.That(reason, Does.Contain(path), "every path tried is listed");
            }

            Assert.That(reason, Does.Contain(Path.Combine(Folder, NativeLibraryResolver.FileNames("cpu")[0])));
            Assert.That(reason, Does.Contain("./build.sh native"));
            Assert.That(reason, Does.Contain(NativeLibraryResolver.PathVariable));
        });
    }

    [Test]
    public void Candidates_EnvironmentDirectory_ComesFirst()
    {
        var options = new NativeSearchOptions(Folder, AppContext.BaseDirectory, Environment.CurrentDirectory, UseOsSearch: false);
        var candidates = NativeLibraryResolver.Candidates("cuda", options);
        Assert.That(candidates[0], Is.EqualTo(Path.Combine(Folder, NativeLibraryResolver.FileNames("cuda")[0])));
        Assert.That(candidates.Any(c => c.Contains(Path.DirectorySeparatorChar + "runtimes" + Path.DirectorySeparatorChar, StringComparison.Ordinal)), Is.True, "NuGet's runtimes/<rid>/native layout is tried");
        Assert.That(candidates[^1], Does.StartWith(Path.GetFullPath(AppContext.BaseDirectory)));
    }

    [Test]
    public void Candidates_InsideTheRepository_IncludeTheCMakeBuildFolder()
    {
        var root = NativeApiTests.RepositoryRoot();
        var options = new NativeSearchOptions(null, Folder, Path.Combine(root, "managed", "MiniDL"), UseOsSearch: false);
        var candidates = NativeLibraryResolver.Candidates("cpu", options);
        Assert.That(candidates, Does.Contain(Path.Combine(root, "build", "native", NativeLibraryResolver.FileNames("cpu")[0])));
    }

    [Test]
    public void Search_FileThatIsNotALibrary_SaysItFailedToLoad()
    {
        var bogus = Path.Combine(Folder, NativeLibraryResolver.FileNames("cpu")[0]);
        File.WriteAllText(bogus, "not a shared library");
        bool found = NativeLibraryResolver.Search("cpu", Nowhere(), out _, out var reason);
        Assert.That(found, Is.False);
        Assert.That(reason, Does.Contain(bogus).And.Contain("failed to load"));
    }

    [Test]
    public void Search_EnvironmentNamesTheLibraryFile_LoadsThatFile()
    {
        if (!NativeLibraryResolver.TryLoad("cpu", out var loaded, out var why) || !File.Exists(loaded!.Path))
        {
            Assert.Ignore($"the CPU build is not available here: {why}");
        }

        var options = new NativeSearchOptions(loaded.Path, Folder, Folder, UseOsSearch: false);
        Assert.That(NativeLibraryResolver.Search("cpu", options, out var api, out var reason), Is.True, reason);
        Assert.That(api!.Path, Is.EqualTo(loaded.Path));
        Assert.That(api.AbiVersion, Is.EqualTo(NativeApi.ExpectedAbiVersion));
    }

    [Test]
    public void Candidates_EnvironmentNamesTheOtherFlavorsFile_SearchesItsFolder()
    {
        var cpuFile = Path.Combine(Folder, NativeLibraryResolver.FileNames("cpu")[0]);
        File.WriteAllText(cpuFile, "");
        var candidates = NativeLibraryResolver.Candidates("cuda", new NativeSearchOptions(cpuFile, Folder, Folder, UseOsSearch: false));
        Assert.That(candidates[0], Is.EqualTo(Path.Combine(Folder, NativeLibraryResolver.FileNames("cuda")[0])));
        Assert.That(candidates, Does.Not.Contain(cpuFile));
    }

    [Test]
    public void Search_TruncatedLibrary_RefusedNamingTheFileInsteadOfCrashing()
    {
        // Issue 12: a truncated libminidl_cpu.so killed the process with SIGBUS inside the OS loader.
        if (!NativeLibraryResolver.TryLoad("cpu", out var loaded, out var why) || !File.Exists(loaded!.Path))
        {
            Assert.Ignore($"the CPU build is not available here: {why}");
        }

        var bytes = File.ReadAllBytes(loaded.Path);
        var truncated = Path.Combine(Folder, NativeLibraryResolver.FileNames("cpu")[0]);
        File.WriteAllBytes(truncated, bytes[..(bytes.Length / 2)]);
        bool found = NativeLibraryResolver.Search("cpu", new NativeSearchOptions(truncated, Folder, Folder, UseOsSearch: false), out _, out var reason);
        Assert.That(found, Is.False);
        Assert.That(reason, Does.Contain(truncated).And.Contain("truncated").And.Contain($"{bytes.Length / 2} bytes"));
    }

    [Test]
    public void Search_EnvironmentNamesAMissingFile_SaysSoInsteadOfSearchingElsewhere()
    {
        var missing = Path.Combine(Folder, "libminidl_cpu.so.renamed");
        bool found = NativeLibraryResolver.Search("cpu", new NativeSearchOptions(missing, Folder, Folder, UseOsSearch: false), out _, out var reason);
        Assert.That(found, Is.False);
        Assert.That(reason, Does.Contain(NativeLibraryResolver.PathVariable).And.Contain(missing).And.Contain("names no file or folder"));
    }

    [Test]
    public void Search_EnvironmentNamesARenamedLibraryFile_LoadsThatFile()
    {
        if (!NativeLibraryResolver.TryLoad("cpu", out var loaded, out var why) || !File.Exists(loaded!.Path))
        {
            Assert.Ignore($"the CPU build is not available here: {why}");
        }

        var renamed = Path.Combine(Folder, "my-minidl-copy.so");
        File.Copy(loaded.Path, renamed);
        Assert.That(NativeLibraryResolver.Search("cpu", new NativeSearchOptions(renamed, Folder, Folder, UseOsSearch: false), out var api, out var reason), Is.True, reason);
        Assert.That(api!.Path, Is.EqualTo(renamed));
    }

    [Test]
    public void CheckAbiVersion_SameVersion_Accepts()
        => Assert.That(NativeLibraryResolver.CheckAbiVersion(NativeApi.ExpectedAbiVersion, "/x/libminidl_cpu.so"), Is.Null);

    [Test]
    public void CheckAbiVersion_OtherVersion_RefusesNamingBothVersionsAndThePath()
    {
        var message = NativeLibraryResolver.CheckAbiVersion(NativeApi.ExpectedAbiVersion + 41, "/x/libminidl_cpu.so");
        Assert.That(message, Is.Not.Null);
        Assert.That(message, Does.Contain("/x/libminidl_cpu.so")
            .And.Contain($"ABI version {NativeApi.ExpectedAbiVersion + 41}")
            .And.Contain($"ABI version {NativeApi.ExpectedAbiVersion}")
            .And.Contain("./build.sh native"));
    }

    [Test]
    public void Search_UnknownFlavor_SaysSo()
    {
        Assert.That(NativeLibraryResolver.Search("tpu", Nowhere(), out _, out var reason), Is.False);
        Assert.That(reason, Does.Contain("tpu"));
    }
}
