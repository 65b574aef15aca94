using System.Xml.Linq;

namespace MiniDL.Tests.Plotting;

internal static class SvgTestHelpers
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    /// <summary>Parses the SVG (failing the test if it is not XML) and returns its elements with the given class.</summary>
    public static List<XElement> WithClass(string svg, string element, string cssClass)
    {
        var document = XDocument.Parse(svg);
        Assert.That(document.Root!.Name, Is.EqualTo(Svg + "svg"));
        return document.Descendants(Svg + element).Where(e => (string?)e.Attribute("class") == cssClass).ToList();
    }
}
