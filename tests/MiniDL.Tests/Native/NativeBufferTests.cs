using MiniDL.Backends;
using MiniDL.Native;
using MiniDL.Tests.TestSupport;

namespace MiniDL.Tests.Native;

/// <summary>NativeBuffer, NativeStorage and the caching allocator behind NativeBackend.Allocate.</summary>
[TestFixture]
public class NativeBufferTests
{
    private static IEnumerable<string> Native => TestBackends.Native;

    [TestCaseSource(nameof(Native))]
    public void Kernels_DisposedStorage_ThrowObjectDisposedException(string name)
    {
        var backend = TestBackends.Get(name);
        var x = backend.Allocate(3);
        x.Dispose();
        x.Dispose();
        Assert.That(() => backend.Fill(x, 1), Throws.InstanceOf<ObjectDisposedException>().With.Message.Contains("fill"));
    }

    [TestCaseSource(nameof(Native))]
    public void Allocate_AfterDispose_ReusesTheBufferZeroFilled(string name)
    {
        var backend = TestBackends.Get(name);
        const int n = 12_345;
        var first = (NativeStorage)backend.Allocate(n);
        backend.Fill(first, 7);
        nint pointer = first.Pointer;
        first.Dispose();
        using var second = (NativeStorage)backend.Allocate(n);
        var values = new double[n];
        backend.Download(second, values);
        Assert.Multiple(() =>
        {
            Assert.That(second.Pointer, Is.EqualTo(pointer), "the disposed buffer is reused");
            Assert.That(values, Is.All.EqualTo(0.0), "a reused buffer comes back zero-filled");
        });
    }

    [TestCaseSource(nameof(Native))]
    public void Allocate_CacheFull_FreesInsteadOfCaching(string name)
    {
        var backend = (NativeBackend)TestBackends.Get(name);
        long capacity = backend.CacheCapacityBytes;
        try
        {
            backend.TrimCache();
            backend.CacheCapacityBytes = 1024;
            var small = backend.Allocate(16);
            var big = backend.Allocate(100_000);
            small.Dispose();
            big.Dispose();
            Assert.That(backend.CachedBytes, Is.EqualTo(16L * (backend.DType == DType.Float32 ? 4 : 8)));
        }
        finally
        {
            backend.CacheCapacityBytes = capacity;
        }
    }

    [TestCaseSource(nameof(Native))]
    public void Storage_NotDisposed_IsFreedByTheFinalizer(string name)
    {
        var backend = (NativeBackend)TestBackends.Get(name);
        backend.TrimCache();
        AllocateAndDrop(backend);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        Assert.That(backend.CachedBytes, Is.Zero, "finalized buffers go to mdl_free, not the cache");
    }

    [TestCaseSource(nameof(Native))]
    public void Dispose_Twice_ReturnsTheBufferOnce(string name)
    {
        var backend = (NativeBackend)TestBackends.Get(name);
        backend.TrimCache();
        var x = backend.Allocate(100);
        x.Dispose();
        x.Dispose();
        Assert.That(backend.CachedBytes, Is.EqualTo(100L * (backend.DType == DType.Float32 ? 4 : 8)));
        using var a = (NativeStorage)backend.Allocate(100);
        using var b = (NativeStorage)backend.Allocate(100);
        Assert.That(a.Pointer, Is.Not.EqualTo(b.Pointer), "one cached buffer serves one allocation");
    }

    private static void AllocateAndDrop(IBackend backend)
    {
        for (int i = 0; i < 50; i++)
        {
            _ = backend.Allocate(4096 + i);
        }
    }
}
