using MiniDL.Backends;
using MiniDL.Native;
using MiniDL.Tests.TestSupport;

namespace MiniDL.Tests.Backends;

[TestFixture]
public class BackendRegistryTests
{
    [Test]
    public void TryCreate_Reference_GivesTheSharedInstance()
    {
        Assert.That(BackendRegistry.TryCreate("reference", DType.Float64, out var backend, out _), Is.True);
        Assert.That(backend, Is.SameAs(ReferenceBackend.Instance));
    }

    [Test]
    public void TryCreate_UnknownKind_ExplainsTheKnownNames()
    {
        Assert.That(BackendRegistry.TryCreate("tpu", DType.Float32, out var backend, out var reason), Is.False);
        Assert.That(backend, Is.Null);
        Assert.That(reason, Does.Contain("tpu").And.Contain("reference, cpu, cuda or auto"));
    }

    [Test]
    public void Create_UnknownKind_ThrowsArgumentException()
        => Assert.That(() => BackendRegistry.Create("tpu", DType.Float32), Throws.ArgumentException.With.Message.Contains("tpu"));

    [TestCaseSource(typeof(TestBackends), nameof(TestBackends.Native))]
    public void TryCreate_NativeKindTwice_GivesTheSameInstance(string name)
    {
        var first = TestBackends.Get(name);
        var parts = name.Split('-');
        var dtype = parts[1] == "f32" ? DType.Float32 : DType.Float64;
        Assert.That(BackendRegistry.TryCreate(parts[0], dtype, out var second, out var reason), Is.True, reason);
        Assert.That(second, Is.SameAs(first));
        Assert.That(first, Is.InstanceOf<NativeBackend>());
        Assert.That(reason, Does.StartWith(parts[0]).And.Contain(dtype == DType.Float32 ? "float32" : "float64"));
    }

    [Test]
    public void TryCreate_NativeKindUnavailable_ReasonIsNotEmpty()
    {
        foreach (var kind in new[] { "cpu", "cuda" })
        {
            if (!BackendRegistry.TryCreate(kind, DType.Float32, out _, out var reason))
            {
                Assert.That(reason, Is.Not.Empty, $"{kind} says why it is not available");
                Assert.That(() => BackendRegistry.Create(kind, DType.Float32), Throws.InvalidOperationException.With.Message.Contains(reason));
            }
        }
    }

    [Test]
    public void TryCreate_Auto_PrefersCudaThenCpuThenReference()
    {
        Assert.That(BackendRegistry.TryCreate("auto", DType.Float32, out var backend, out var reason), Is.True);
        string expected = BackendRegistry.TryCreate("cuda", DType.Float32, out _, out _) ? "cuda"
            : BackendRegistry.TryCreate("cpu", DType.Float32, out _, out _) ? "cpu"
            : "reference";
        Assert.That(backend!.Name, Is.EqualTo(expected));
        Assert.That(reason, Does.StartWith($"backend: {expected}"));
        if (expected != "cuda")
        {
            Assert.That(reason, Does.Contain("cuda:"), "the line says why cuda was passed over");
        }
    }

    [Test]
    public void Describe_Auto_IsOneLine()
    {
        var line = BackendRegistry.Describe("auto", DType.Float32);
        Assert.That(line, Does.StartWith("backend: "));
        Assert.That(line, Does.Not.Contain("\n"));
    }

    [Test]
    public void FromEnvironment_VariableSetToReference_GivesReference()
    {
        var saved = Environment.GetEnvironmentVariable(BackendRegistry.BackendVariable);
        try
        {
            Environment.SetEnvironmentVariable(BackendRegistry.BackendVariable, "Reference");
            Assert.That(BackendRegistry.FromEnvironment(DType.Float32), Is.SameAs(ReferenceBackend.Instance));
            Environment.SetEnvironmentVariable(BackendRegistry.BackendVariable, "nonsense");
            Assert.That(() => BackendRegistry.FromEnvironment(DType.Float32), Throws.ArgumentException);
        }
        finally
        {
            Environment.SetEnvironmentVariable(BackendRegistry.BackendVariable, saved);
        }
    }

    [Test]
    public void Probe_Always_ListsReferenceCpuAndCudaWithAReason()
    {
        var probes = BackendRegistry.Probe();
        Assert.That(probes.Select(p => p.Kind), Is.EqualTo(new[] { "reference", "cpu", "cuda" }));
        Assert.That(probes[0].Available, Is.True);
        foreach (var p in probes)
        {
            Assert.That(p.Reason, Is.Not.Empty, p.Kind);
            if (p.Available && p.Kind != "reference")
            {
                Assert.That(p.Path, Is.Not.Null, p.Kind);
                Assert.That(File.Exists(p.Path), Is.True, $"{p.Kind}: the library it loaded, {p.Path}, is a file");
                Assert.That(p.AbiVersion, Is.EqualTo(NativeApi.ExpectedAbiVersion), p.Kind);
                Assert.That(p.Device, Is.Not.Null, p.Kind);
                Assert.That(p.Device!.Name, Is.Not.Empty, $"{p.Kind}: the device or CPU the build reports has a name");
            }
        }
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("auto")]
    [TestCase("1")]
    [TestCase("4096")]
    public void ThreadsProblem_UnsetAutoOrCount_IsNull(string? value) => Assert.That(BackendRegistry.ThreadsProblem(value), Is.Null);

    [TestCase("0")]
    [TestCase("-2")]
    [TestCase("two")]
    [TestCase("4097")]
    [TestCase(" 3")]
    public void ThreadsProblem_NotACount_NamesTheVariableAndTheValue(string value)
    {
        var problem = BackendRegistry.ThreadsProblem(value);
        Assert.That(problem, Does.Contain("MINIDL_THREADS='" + value + "'").And.Contain("auto"));
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("wait")]
    [TestCase("load")]
    public void ThreadsSignalProblem_UnsetOrASignal_IsNull(string? value)
        => Assert.That(BackendRegistry.ThreadsSignalProblem(value), Is.Null);

    [TestCase("Load")]
    [TestCase("auto")]
    [TestCase("schedstat")]
    [TestCase("load ")]
    public void ThreadsSignalProblem_AnyOtherValue_NamesTheVariableTheValueAndTheChoices(string value)
    {
        var problem = BackendRegistry.ThreadsSignalProblem(value);
        Assert.That(problem, Does.Contain("MINIDL_THREADS_SIGNAL='" + value + "'").And.Contain("wait").And.Contain("load"));
    }

    [TestCase("reference", "reference-f64")]
    [TestCase("cpu-f32", "cpu-f32")]
    [TestCase("cpu-f64", "cpu-f64")]
    public void ToString_EveryBackend_NamesItWithItsElementType(string name, string expected)
        => Assert.That(TestBackends.Get(name).ToString(), Is.EqualTo(expected));

    [Test]
    public void TryCreate_NameInCapitals_IsTheSameBackend()
    {
        Assert.That(BackendRegistry.TryCreate("Reference", DType.Float64, out var backend, out var reason), Is.True, reason);
        Assert.That(backend, Is.SameAs(ReferenceBackend.Instance));
        Assert.That(BackendRegistry.TryCreate("GPU", DType.Float64, out _, out var why), Is.False);
        Assert.That(why, Does.Contain("backend 'GPU' is not known"));
    }
}
