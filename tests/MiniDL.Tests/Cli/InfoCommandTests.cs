namespace MiniDL.Tests.Cli;

[TestFixture]
public class InfoCommandTests : CliTestBase
{
    [Test]
    public void Run_Json_ListsEveryBackendWithAvailabilityOrReason()
    {
        using var doc = RunJson("info", "--json");
        var backends = doc.RootElement.GetProperty("backends").EnumerateArray().ToDictionary(b => b.GetProperty("name").GetString()!);
        Assert.That(backends.Keys, Is.SupersetOf(new[] { "reference", "cpu", "cuda" }));
        Assert.That(backends["reference"].GetProperty("available").GetBoolean(), Is.True);
        foreach (var (name, b) in backends)
        {
            if (!b.GetProperty("available").GetBoolean())
            {
                Assert.That(b.GetProperty("reason").GetString(), Is.Not.Empty, $"{name} is unavailable without saying why");
            }
            else if (name != "reference")
            {
                Assert.That(b.GetProperty("abiVersion").GetInt32(), Is.EqualTo(MiniDL.Native.NativeApi.ExpectedAbiVersion), name);
                Assert.That(File.Exists(b.GetProperty("path").GetString()), Is.True, name);
            }
        }

        var selected = doc.RootElement.GetProperty("selected").GetString();
        Assert.That(backends[selected!].GetProperty("available").GetBoolean(), Is.True, "auto selects an available backend");
    }

    [Test]
    public void Run_UnknownOption_ExitsTwoNamingIt() => AssertExitSaying("info --colour", 2, "--colour");
}
