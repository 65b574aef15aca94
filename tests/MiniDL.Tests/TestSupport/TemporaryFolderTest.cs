namespace MiniDL.Tests.TestSupport;

/// <summary>
/// A fresh temporary folder per test (<see cref="Folder"/>, named after the fixture), deleted afterwards with all it holds.
/// </summary>
public abstract class TemporaryFolderTest
{
    /// <summary>The test's own temporary folder.</summary>
    protected string Folder { get; private set; } = "";

    /// <summary>Whether the folder is created before the test (false: the code under test creates it).</summary>
    protected virtual bool CreateFolder => true;

    [SetUp]
    public void CreateTemporaryFolder()
    {
        Folder = Path.Combine(Path.GetTempPath(), $"minidl-{GetType().Name}-{Guid.NewGuid():N}");
        if (CreateFolder)
        {
            Directory.CreateDirectory(Folder);
        }
    }

    [TearDown]
    public void DeleteTemporaryFolder()
    {
        if (Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }
    }
}
