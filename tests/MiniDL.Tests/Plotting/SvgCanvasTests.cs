using System.Globalization;
using MiniDL.Plotting;

namespace MiniDL.Tests.Plotting;

public class SvgCanvasTests
{
    [Test]
    public void Escape_SpecialCharacters_AreEntities()
    {
        Assert.That(SvgCanvas.Escape("a<b & \"c\" > 'd'\u0001"), Is.EqualTo("a&lt;b &amp; &quot;c&quot; &gt; &apos;d&apos;"));
    }

    [Test]
    public void Num_UnderCommaCulture_UsesDot()
    {
        var saved = CultureInfo.CurrentCulture;
        try
        {
            // A culture writing 1234,567 (as Vietnamese does); built by hand because the build runs in invariant-globalization mode.
            var comma = (CultureInfo)CultureInfo.InvariantCulture.Clone();
            comma.NumberFormat.NumberDecimalSeparator = ",";
            comma.NumberFormat.NumberGroupSeparator = ".";
            CultureInfo.CurrentCulture = comma;
            Assert.That(1.5.ToString(), Is.EqualTo("1,5"), "the culture should really use a comma");
            Assert.That(SvgCanvas.Num(1234.567), Is.EqualTo("1234.57"));
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    [Test]
    public void NiceTicks_ZeroToOne_StepsOfPointTwo()
    {
        var (ticks, step) = SvgCanvas.NiceTicks(0, 1, 5);
        Assert.Multiple(() =>
        {
            Assert.That(step, Is.EqualTo(0.2).Within(1e-12));
            Assert.That(ticks.Select(t => SvgCanvas.TickLabel(t, step)), Is.EqualTo(new[] { "0", "0.2", "0.4", "0.6", "0.8", "1" }));
        });
    }

    [Test]
    public void SafeRange_SingleValue_IsWidened()
    {
        var (min, max) = SvgCanvas.SafeRange([5.0, double.NaN]);
        Assert.That(max, Is.GreaterThan(min));
    }
}
