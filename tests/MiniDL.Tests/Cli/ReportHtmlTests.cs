using System.Diagnostics;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using MiniDL.Cli.Training;
using MiniDL.Tests.TestSupport;

namespace MiniDL.Tests.Cli;

/// <summary>
/// <c>minidl train</c> writes report.html (one self-contained page: config, curves, confusion matrix, per-class metrics,
/// the model graph, all inline SVG) and model-graph.svg; a real browser (headless Chromium, where installed) loads the
/// page without console errors and shows every section.
/// </summary>
[TestFixture]
public sealed class ReportHtmlTests : CliTestBase
{
    [Test]
    public void Train_Spiral_WritesSelfContainedReportWithEverySection()
    {
        var (exit, _, stderr) = Run("train", "spiral", "--epochs", "3", "--batch", "32", "--backend", "reference", "--out", Dir, "--json");

        Assert.That(exit, Is.EqualTo(0), stderr);
        var html = File.ReadAllText(Path.Combine(Dir, "report.html"));
        foreach (var id in RunOutputs.ReportSections)
        {
            Assert.That(html, Does.Contain($"<section id=\"{id}\">"), id);
        }

        Assert.That(Regex.Matches(html, "<svg[ >]").Count, Is.EqualTo(4), "loss, accuracy, confusion matrix and model graph, inline");
        Assert.That(html, Does.Not.Contain("<script"));
        Assert.That(html, Does.Not.Contain("<?xml"));
        Assert.That(Regex.IsMatch(html, @"(src|href)\s*=\s*""(https?:|//)"), Is.False, "no external resource");
        Assert.That(Regex.Replace(html, "xmlns(:\\w+)?=\"http://www.w3.org/[^\"]*\"", ""), Does.Not.Contain("http:").And.Not.Contain("https:"));
        Assert.That(html, Does.Contain("<td>spiral</td>").Or.Contain(">spiral<"));
        Assert.That(Directory.GetFileSystemEntries(Dir, RunOutputs.StagingPrefix + "*"), Is.Empty);
    }

    [Test]
    public void Train_Xor_ModelGraphShowsTheTrainedModelWithItsLoss()
    {
        var (exit, _, stderr) = Run("train", "xor", "--epochs", "5", "--backend", "reference", "--out", Dir, "--json");

        Assert.That(exit, Is.EqualTo(0), stderr);
        var svg = XDocument.Load(Path.Combine(Dir, "model-graph.svg"));
        XNamespace ns = "http://www.w3.org/2000/svg";
        var nodes = svg.Descendants(ns + "g").Where(g => (string?)g.Attribute("class") == "node").ToList();
        Assert.That(nodes, Has.Count.GreaterThanOrEqualTo(6), "x, W, b of two layers, the matmuls and the loss");
        var ops = nodes.Select(g => (string?)g.Attribute("data-op")).ToList();
        Assert.That(ops, Does.Contain("matmul"));
        Assert.That(ops, Does.Contain("softmax_cross_entropy"));
        Assert.That(svg.Descendants(ns + "text").Any(t => t.Value.Contains("loss", StringComparison.Ordinal)), Is.True);
        Assert.That(svg.Descendants(ns + "path").Count(p => (string?)p.Attribute("class") == "edge"), Is.GreaterThanOrEqualTo(nodes.Count - 1));
    }

    [Test]
    public void Train_Spiral_ChromiumRendersTheReportWithoutConsoleErrors()
    {
        var chromium = new[] { "chromium", "chromium-browser", "google-chrome" }.Select(Which).FirstOrDefault(p => p is not null);
        if (chromium is null)
        {
            Assert.Ignore("no headless browser: install Debian's chromium (apt-get install chromium; ./build.sh test does) to render report.html");
        }

        var (exit, _, stderr) = Run("train", "spiral", "--epochs", "3", "--batch", "32", "--backend", "reference", "--out", Dir, "--json");
        Assert.That(exit, Is.EqualTo(0), stderr);
        var report = Path.Combine(Dir, "report.html");
        var profile = Path.Combine(Dir, "chromium-profile");
        var png = Path.Combine(TestContext.CurrentContext.WorkDirectory, "report-screenshot.png");
        File.Delete(png);

        var (domExit, dom, domLog) = Browser(chromium!, profile, "--dump-dom", new Uri(report).AbsoluteUri);
        Assert.That(domExit, Is.EqualTo(0), domLog);
        foreach (var id in RunOutputs.ReportSections)
        {
            Assert.That(dom, Does.Contain($"id=\"{id}\""), id);
        }

        Assert.That(Regex.Matches(dom, "<svg[ >]").Count, Is.EqualTo(4));
        var consoleErrors = domLog.Split('\n')
            .Where(l => l.Contains("CONSOLE", StringComparison.Ordinal) || l.Contains("Refused to", StringComparison.Ordinal) || l.Contains("Uncaught", StringComparison.Ordinal))
            .ToList();
        Assert.That(consoleErrors, Is.Empty, string.Join("\n", consoleErrors));

        var (shotExit, _, shotLog) = Browser(chromium!, profile, $"--screenshot={png}", "--window-size=1400,3400", new Uri(report).AbsoluteUri);
        Assert.That(shotExit, Is.EqualTo(0), shotLog);
        Assert.That(File.Exists(png), Is.True, shotLog);
        Assert.That(new FileInfo(png).Length, Is.GreaterThan(20_000), "a blank page compresses to a few kB");
        TestContext.AddTestAttachment(png, "report.html as Chromium renders it");
    }

    private static (int Exit, string Stdout, string Stderr) Browser(string chromium, string profile, params string[] args)
    {
        var start = new ProcessStartInfo(chromium)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--hide-scrollbars",
            "--enable-logging=stderr", "--v=0", $"--user-data-dir={profile}",
        }.Concat(args))
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"chromium {string.Join(' ', args)} did not finish within 3 minutes.");
        }

        process.WaitForExit();
        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    private static string? Which(string name)
        => (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(dir => Path.Combine(dir, name)).FirstOrDefault(File.Exists);
}
