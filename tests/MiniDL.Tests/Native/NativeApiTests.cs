using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using MiniDL.Native;

namespace MiniDL.Tests.Native;

/// <summary>The function table mirrors native/include/minidl.h exactly: same functions, same order, same arity.</summary>
[TestFixture]
public partial class NativeApiTests
{
    /// <summary>The repository root, from this source file's path (or by walking up from the test folder).</summary>
    internal static string RepositoryRoot([CallerFilePath] string thisFile = "")
    {
        foreach (var start in new[] { Path.GetDirectoryName(thisFile) ?? "", TestContext.CurrentContext.TestDirectory, Environment.CurrentDirectory })
        {
            for (var dir = string.IsNullOrEmpty(start) ? null : new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "native", "include", "minidl.h")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException("cannot find the repository root (native/include/minidl.h)");
    }

    [GeneratedRegex(@"MDL_API\s+[\w\s\*]+?\b(mdl_\w+)\s*\(([^)]*)\)\s*;", RegexOptions.Singleline)]
    private static partial Regex ApiFunction();

    /// <summary>Every MDL_API function of the header: its name and its number of parameters.</summary>
    internal static List<(string Name, int Parameters)> HeaderFunctions()
    {
        var text = File.ReadAllText(Path.Combine(RepositoryRoot(), "native", "include", "minidl.h"));
        text = Regex.Replace(text, @"/\*.*?\*/", " ", RegexOptions.Singleline);
        return ApiFunction().Matches(text)
            .Select(m =>
            {
                var args = m.Groups[2].Value.Trim();
                int count = args is "" or "void" ? 0 : args.Split(',').Length;
                return (m.Groups[1].Value, count);
            })
            .ToList();
    }

    private static List<FieldInfo> TableFields()
        => typeof(NativeApi).GetFields(BindingFlags.Public | BindingFlags.Instance)
            .Where(f => f.Name.StartsWith("mdl_", StringComparison.Ordinal))
            .OrderBy(f => f.MetadataToken)
            .ToList();

    [Test]
    public void Header_EveryMdlApiFunction_HasATableFieldInTheSameOrder()
    {
        var header = HeaderFunctions().Select(f => f.Name).ToList();
        var fields = TableFields().Select(f => f.Name).ToList();
        Assert.That(header, Has.Count.GreaterThan(30), "the header parse found the functions");
        Assert.That(fields, Is.EqualTo(header), "NativeApi's fields are minidl.h's MDL_API functions, in order");
    }

    [Test]
    public void Header_EveryMdlApiFunction_HasTheSameParameterCount()
    {
        var header = HeaderFunctions().ToDictionary(f => f.Name, f => f.Parameters);
        foreach (var field in TableFields())
        {
            var type = field.FieldType;
            Assert.That(type.IsFunctionPointer, Is.True, $"{field.Name} is a function pointer");
            Assert.That(type.GetFunctionPointerParameterTypes(), Has.Length.EqualTo(header[field.Name]), $"{field.Name}'s parameters");
            Assert.That(type.GetFunctionPointerReturnType(), Is.EqualTo(field.Name switch
            {
                "mdl_last_error" => typeof(byte*),
                _ => typeof(int),
            }), $"{field.Name}'s return type");
        }
    }

    [Test]
    public void MdlDeviceInfo_Layout_MatchesTheCStruct()
    {
        // char name[256]; char backend[16]; int32_t x4; int64_t total_memory → 296 bytes.
        Assert.That(Unsafe.SizeOf<MdlDeviceInfo>(), Is.EqualTo(296));
    }

    [Test]
    public void Header_AbiVersion_MatchesTheBinding()
    {
        var text = File.ReadAllText(Path.Combine(RepositoryRoot(), "native", "include", "minidl.h"));
        var m = Regex.Match(text, @"#define\s+MDL_ABI_VERSION\s+(\d+)");
        Assert.That(int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(NativeApi.ExpectedAbiVersion));
    }

    [Test]
    public void Check_StatusOk_DoesNotThrow()
    {
        if (!NativeLibraryResolver.TryLoad("cpu", out var api, out var reason))
        {
            Assert.Ignore($"the CPU build is not available here: {reason}");
        }

        Assert.That(() => api!.Check(0), Throws.Nothing);
    }

    [Test]
    public void Check_UnsupportedStatus_ThrowsNativeExceptionWithStatus()
    {
        if (!NativeLibraryResolver.TryLoad("cpu", out var api, out var reason))
        {
            Assert.Ignore($"the CPU build is not available here: {reason}");
        }

        var e = Assert.Throws<NativeException>(() => api!.Check((int)NativeStatus.Unsupported))!;
        Assert.That(e.Status, Is.EqualTo(NativeStatus.Unsupported));
    }
}
