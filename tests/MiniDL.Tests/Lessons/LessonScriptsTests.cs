using System.Diagnostics;
using System.Text.RegularExpressions;

namespace MiniDL.Tests.Lessons;

/// <summary>
/// Every lesson script in <c>lessons/</c> (one .NET file-based app per lecture) runs with <c>dotnet run FILE.cs</c>,
/// exits 0 and prints its last line "LECTURE: N of N lecture values reproduced", so none of them can rot.
/// Slow: each script compiles on its first run (tens of seconds).
/// </summary>
[Category("Slow")]
[NonParallelizable]
public sealed class LessonScriptsTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(8);

    /// <summary>The scripts and the lecture name their summary line starts with.</summary>
    public static readonly object[] Scripts =
    [
        new object[] { "lesson07-neural-network.cs", "Lesson 7" },
        new object[] { "it4653-lesson01-intro-deep-learning.cs", "IT4653 Lesson 1" },
        new object[] { "nlp-lesson03-pytorch-models.cs", "NLP lesson 3" },
        new object[] { "dl-notes-deep-learning-neural-networks.cs", "Deep learning and neural networks notes" },
        new object[] { "day01-training-and-evaluation.cs", "Day 01" },
    ];

    [Test]
    public void LessonsFolder_EveryScript_IsListedHere()
    {
        var listed = Scripts.Select(s => (string)((object[])s)[0]).Order().ToArray();
        var present = Directory.GetFiles(Path.Combine(RepoRoot(), "lessons"), "*.cs").Select(Path.GetFileName).Order().ToArray();
        Assert.That(present, Is.EqualTo(listed));
    }

    [TestCaseSource(nameof(Scripts))]
    public void DotnetRun_LessonScript_ReproducesEveryLectureValue(string script, string lecture)
    {
        var root = RepoRoot();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("run");
        start.ArgumentList.Add(Path.Combine("lessons", script));
        // The test host's MSBuild variables would point the child build at the test's SDK context.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)).ToArray())
        {
            start.Environment.Remove(key);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Limit))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"dotnet run lessons/{script} did not finish within {Limit.TotalMinutes} minutes.");
        }

        process.WaitForExit();
        string output = stdout.Result + stderr.Result;
        Assert.That(process.ExitCode, Is.EqualTo(0), output);
        var summary = Regex.Match(stdout.Result, $@"^{Regex.Escape(lecture)}: (\d+) of (\d+) lecture values reproduced\s*$", RegexOptions.Multiline);
        Assert.That(summary.Success, Is.True, output);
        Assert.That(summary.Groups[1].Value, Is.EqualTo(summary.Groups[2].Value), output);
        Assert.That(stdout.Result, Does.Not.Contain("MISMATCH"));
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
