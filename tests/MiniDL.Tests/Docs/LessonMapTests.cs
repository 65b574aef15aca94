using System.Text.RegularExpressions;

namespace MiniDL.Tests.Docs;

/// <summary>
/// docs/lectures.md, the map from each lecture's sections to code, tests and commands: every reference it writes as a
/// code span <c>`PATH`</c> or <c>`PATH#Type.Member`</c> names a file that exists, a type declared in that file and a
/// member that occurs in it, so the map cannot drift from the code.
/// </summary>
public sealed class LessonMapTests
{
    private static readonly Regex Reference = new(@"`(?<path>(?:managed|tests|lessons|native|docs|tools|bench|cmake)/[^`#\s]+)(?:#(?<symbol>[A-Za-z_][\w.]*))?`", RegexOptions.Compiled);

    private static readonly string[] Lectures =
    [
        "## Lesson 7 \"Neural Network\"",
        "## IT4653 Lesson 1 \"Introduction to deep learning\"",
        "## NLP lesson 3 \"PyTorch & deep learning models\"",
        "## \"Deep learning and neural networks\" notes",
        "## Day 01",
        "## Worked examples",
        "## Glossary (Vietnamese – English)",
    ];

    [Test]
    public void LessonMap_EveryReference_NamesAnExistingFileAndSymbol()
    {
        var root = RepoRoot();
        var problems = new List<string>();
        var references = References(root).ToList();
        foreach (var (path, symbol) in references)
        {
            var file = Path.Combine(root, path);
            if (!File.Exists(file))
            {
                problems.Add($"{path}: no such file");
                continue;
            }

            if (symbol is null)
            {
                continue;
            }

            var text = File.ReadAllText(file);
            var parts = symbol.Split('.');
            if (!Regex.IsMatch(text, $@"\b(class|record|struct|interface|enum)\s+{Regex.Escape(parts[0])}\b"))
            {
                problems.Add($"{path}#{symbol}: the file declares no type {parts[0]}");
            }

            foreach (var member in parts.Skip(1))
            {
                if (!Regex.IsMatch(text, $@"\b{Regex.Escape(member)}\b"))
                {
                    problems.Add($"{path}#{symbol}: {member} does not occur in the file");
                }
            }
        }

        Assert.That(references, Has.Count.GreaterThan(100), "the map's references were not found: has the link format changed?");
        Assert.That(problems, Is.Empty, string.Join("\n", problems));
    }

    [Test]
    public void LessonMap_EveryLectureAndPart_HasItsHeading()
    {
        var text = File.ReadAllText(Path.Combine(RepoRoot(), "docs", "lectures.md"));
        foreach (var heading in Lectures)
        {
            Assert.That(text, Does.Contain("\n" + heading + "\n"), heading);
        }
    }

    [Test]
    public void LessonMap_EveryLessonScript_IsInTheMap()
    {
        var root = RepoRoot();
        var mapped = References(root).Select(r => r.Path).ToHashSet(StringComparer.Ordinal);
        foreach (var script in Directory.GetFiles(Path.Combine(root, "lessons"), "*.cs"))
        {
            Assert.That(mapped, Does.Contain("lessons/" + Path.GetFileName(script)));
        }
    }

    [Test]
    public void LessonMap_Text_NamesNoPathOutsideTheRepository()
    {
        var text = File.ReadAllText(Path.Combine(RepoRoot(), "docs", "lectures.md"));
        Assert.That(text, Does.Not.Contain("../"));
        Assert.That(text, Does.Not.Contain("seeds/"));
    }

    private static IEnumerable<(string Path, string? Symbol)> References(string root)
    {
        var text = File.ReadAllText(Path.Combine(root, "docs", "lectures.md"));
        foreach (Match m in Reference.Matches(text))
        {
            yield return (m.Groups["path"].Value, m.Groups["symbol"].Success ? m.Groups["symbol"].Value : null);
        }
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "MiniDL.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new DirectoryNotFoundException("MiniDL.sln not found above the test folder.");
    }
}
