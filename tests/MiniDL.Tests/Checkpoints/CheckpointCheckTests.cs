using System.Text;
using MiniDL.Checkpoints;

namespace MiniDL.Tests.Checkpoints;

public class CheckpointCheckTests
{
    private static readonly NamedArray[] Model = [new("0.W", [64, 256], new double[64 * 256]), new("0.b", [1, 256], new double[256])];

    [Test]
    public void Verify_SameNamesAndShapes_Passes()
        => Assert.DoesNotThrow(() => CheckpointCheck.Verify(Model, Model, "m"));

    [Test]
    public void Verify_TransposedWeight_ThrowsNamingTheTensorAndBothShapes()
    {
        var e = Assert.Throws<InvalidDataException>(() => CheckpointCheck.Verify(Model, [Model[0] with { Shape = [256, 64] }, Model[1]], "m"));
        Assert.That(e!.Message, Does.Contain("'0.W'").And.Contain("[256, 64]").And.Contain("[64, 256]"));
    }

    [Test]
    public void Verify_ExtraDimension_Throws()
        => Assert.Throws<InvalidDataException>(() => CheckpointCheck.Verify(Model, [Model[0] with { Shape = [64, 256, 1] }, Model[1]], "m"));

    [Test]
    public void Verify_InfinityWeight_ThrowsNamingTheElement()
    {
        var data = new double[64 * 256];
        data[7] = double.PositiveInfinity;
        var e = Assert.Throws<InvalidDataException>(() => CheckpointCheck.Verify(Model, [Model[0] with { Data = data }, Model[1]], "m"));
        Assert.That(e!.Message, Does.Contain("'0.W'").And.Contain("element 7"));
    }

    [Test]
    public void Verify_MissingAndUnexpected_NamesBoth()
    {
        var e = Assert.Throws<InvalidDataException>(() => CheckpointCheck.Verify(Model, [Model[0], new NamedArray("1.b", [1, 2], [0, 0])], "m"));
        Assert.That(e!.Message, Does.Contain("'0.b'").And.Contain("missing").And.Contain("'1.b'").And.Contain("not part of the model"));
    }

    [Test]
    public void Save_LeftoverTemporaryOfAKilledWrite_IsRemoved()
    {
        var dir = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "minidl-tmp-" + Guid.NewGuid().ToString("N"))).FullName;
        try
        {
            var path = Path.Combine(dir, "model.safetensors");
            File.WriteAllBytes(path + ".tmp-deadbeefdeadbeef", new byte[100]);
            File.WriteAllBytes(Path.Combine(dir, "other.safetensors.tmp-1"), new byte[1]);
            SafeTensors.Save(path, [new NamedArray("w", [1], [1])]);
            Assert.That(Directory.GetFiles(dir).Select(Path.GetFileName).Order(), Is.EqualTo(new[] { "model.safetensors", "other.safetensors.tmp-1" }));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Test]
    public void Parse_HeaderWithInvalidUtf8Name_ThrowsInvalidData()
    {
        var header = Encoding.UTF8.GetBytes("{\"\u00e9\":{\"dtype\":\"F64\",\"shape\":[0],\"data_offsets\":[0,0]}}");
        header[3] = 0xff;
        var bytes = new byte[8 + header.Length];
        BitConverter.GetBytes((ulong)header.Length).CopyTo(bytes, 0);
        header.CopyTo(bytes, 8);
        Assert.Throws<InvalidDataException>(() => SafeTensors.Parse(bytes, "bad-utf8"));
    }
}
