using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using MiniDL.Native;

namespace MiniDL.Tests.Native;

/// <summary>The function table mirrors native/include/minidl.h exactly: same functions, same order, same arity, same parameter types.</summary>
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

    /// <summary>Every MDL_API function of the header: its name and its parameters' C types (names dropped).</summary>
    internal static Dictionary<string, List<(string CType, string Name)>> HeaderParameters()
    {
        var text = File.ReadAllText(Path.Combine(RepositoryRoot(), "native", "include", "minidl.h"));
        text = Regex.Replace(text, @"/\*.*?\*/", " ", RegexOptions.Singleline);
        return ApiFunction().Matches(text).ToDictionary(
            m => m.Groups[1].Value,
            m =>
            {
                var args = m.Groups[2].Value.Trim();
                if (args is "" or "void")
                {
                    return new List<(string, string)>();
                }

                return args.Split(',').Select(a =>
                {
                    // "const void* host_src" → ("const void*", "host_src"); "void* const* g" → ("void* const*", "g")
                    var p = Regex.Replace(a.Trim(), @"\s+", " ");
                    var name = Regex.Match(p, @"(\w+)$").Groups[1].Value;
                    var type = p[..^name.Length].Replace(" *", "*").Trim();
                    return (type, name);
                }).ToList();
            });
    }

    /// <summary>
    /// The C# type the binding must use for a C parameter (NativeApi's conventions): the enums, <c>int32_t</c> and
    /// <c>mdl_status</c> are int, <c>int64_t</c> long, <c>uint64_t</c> ulong, <c>size_t</c> nuint, a library buffer
    /// (<c>void*</c>) nint, a host pointer (<c>host_src</c>, <c>host_dst</c>) void*, arrays of buffers nint*.
    /// </summary>
    private static Type ExpectedManagedType(string cType, string name) => Regex.Replace(cType, @"\bconst\b|\s", "") switch
    {
        "mdl_dtype" or "mdl_unary_op" or "mdl_binary_op" or "int32_t" or "mdl_status" => typeof(int),
        "int64_t" => typeof(long),
        "uint64_t" => typeof(ulong),
        "double" => typeof(double),
        "size_t" => typeof(nuint),
        "void*" when name.StartsWith("host_", StringComparison.Ordinal) => typeof(void*),
        "void*" => typeof(nint),
        "void**" => typeof(nint*),
        "int64_t*" => typeof(long*),
        "double*" => typeof(double*),
        "int32_t*" => typeof(int*),
        "mdl_device_info*" => typeof(MdlDeviceInfo*),
        _ => throw new InvalidOperationException($"no C# mapping for the C type '{cType}' of parameter '{name}'"),
    };

    [Test]
    public void Header_EveryMdlApiFunction_HasTheSameParameterTypes()
    {
        var header = HeaderParameters();
        Assert.That(header, Has.Count.GreaterThan(30), "the header parse found the functions");
        foreach (var field in TableFields())
        {
            var expected = header[field.Name].Select(p => ExpectedManagedType(p.CType, p.Name)).ToArray();
            var actual = field.FieldType.GetFunctionPointerParameterTypes();
            Assert.That(actual, Is.EqualTo(expected),
                $"{field.Name}({string.Join(", ", header[field.Name].Select(p => p.CType + " " + p.Name))})'s parameter types");
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
