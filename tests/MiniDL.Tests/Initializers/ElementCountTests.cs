using MiniDL.Initializers;

namespace MiniDL.Tests.Initializers;

public class ElementCountTests
{
    [Test]
    public void ElementCount_SmallFans_IsTheProduct()
        => Assert.That(Initializer.ElementCount(784, 256), Is.EqualTo(784 * 256));

    [TestCase(100_000, 100_000)]
    [TestCase(2, 2_000_000_000)]
    [TestCase(int.MaxValue, int.MaxValue)]
    public void ElementCount_ProductBeyondAnArray_ThrowsWithTheSizeInsteadOfWrapping(int fanIn, int fanOut)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Initializer.ElementCount(fanIn, fanOut));
        Assert.That(e!.Message, Does.Contain(((long)fanIn * fanOut).ToString(System.Globalization.CultureInfo.InvariantCulture)).And.Contain("GiB"));
    }

    [TestCase("xavier")]
    [TestCase("he")]
    [TestCase("gaussian")]
    [TestCase("uniform")]
    public void Sample_HundredThousandSquared_ThrowsBeforeAllocating(string name)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        Assert.Throws<ArgumentOutOfRangeException>(() => Initializer.FromName(name).Sample(100_000, 100_000, seed: 1));
        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.LessThan(1 << 20));
    }
}
