namespace MiniDL.Tests.Backends;

/// <summary>The reference backend's memory kernels (<c>ReferenceBackend.Memory.cs</c>).</summary>
public class ReferenceBackendMemoryTests
{
    private static ReferenceBackend Backend => ReferenceBackend.Instance;

    /// <summary>Gathers rows [2, 0, 2, 1] of the 3×2 source [0, 1; 10, 11; 20, 21] with <paramref name="gather"/> and checks them.</summary>
    private static void AssertShuffledGather(Action<double[], int[], Storage> gather)
    {
        double[] source = [0, 1, 10, 11, 20, 21]; // 3 rows of 2
        using var d = Backend.Allocate(8);
        gather(source, [2, 0, 2, 1], d);
        var back = new double[8];
        Backend.Download(d, back);
        Assert.That(back, Is.EqualTo(new double[] { 20, 21, 0, 1, 20, 21, 10, 11 }));
    }

    [Test]
    public void UploadRows_ShuffledOrder_CopiesEachRowToItsPlace()
        => AssertShuffledGather((source, rows, d) => Backend.UploadRows(source, 2, rows, d));

    [TestCase(7, 2, new[] { 0 }, "not whole rows of 2 columns")]
    [TestCase(6, 2, new[] { -1 }, "row -1 is outside the source's 3 rows")]
    [TestCase(6, 2, new[] { 0, 3 }, "row 3 is outside the source's 3 rows")]
    public void UploadRows_BadArguments_ThrowNamingTheProblem(int length, int columns, int[] rows, string message)
    {
        using var d = Backend.Allocate(rows.Length * columns);
        var ex = Assert.Throws<ArgumentException>(() => Backend.UploadRows(new double[length], columns, rows, d));
        Assert.That(ex!.Message, Does.Contain("upload rows").And.Contain(message));
    }

    [Test]
    public void UploadRows_DestinationOfAnotherShape_ThrowsNamingBothLengths()
    {
        using var d = Backend.Allocate(5);
        var ex = Assert.Throws<ArgumentException>(() => Backend.UploadRows(new double[6], 2, [0, 1], d));
        Assert.That(ex!.Message, Does.Contain("has 5 elements, the shape needs 4"));
    }

    [Test]
    public void GatherRows_ShuffledOrder_CopiesEachRowToItsPlace()
        => AssertShuffledGather((source, rows, d) =>
        {
            using var kept = Backend.Allocate(source.Length);
            Backend.Upload(source, kept);
            Backend.GatherRows(kept, 2, rows, d);
        });

    [TestCase(7, 2, new[] { 0 }, "not whole rows of 2 columns")]
    [TestCase(6, 2, new[] { -1 }, "row -1 is outside the source's 3 rows")]
    [TestCase(6, 2, new[] { 0, 3 }, "row 3 is outside the source's 3 rows")]
    public void GatherRows_BadArguments_ThrowNamingTheProblem(int length, int columns, int[] rows, string message)
    {
        using var source = Backend.Allocate(length);
        using var d = Backend.Allocate(rows.Length * columns);
        var ex = Assert.Throws<ArgumentException>(() => Backend.GatherRows(source, columns, rows, d));
        Assert.That(ex!.Message, Does.Contain("gather rows").And.Contain(message));
    }
}
