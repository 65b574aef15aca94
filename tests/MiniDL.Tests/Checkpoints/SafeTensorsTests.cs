using System.Buffers.Binary;
using System.Text;
using MiniDL.Checkpoints;
using MiniDL.Tests.TestSupport;

namespace MiniDL.Tests.Checkpoints;

public class SafeTensorsTests : TemporaryFolderTest
{
    /// <summary>A file with the given JSON header (unpadded) and data bytes.</summary>
    private static byte[] Build(string json, byte[] data)
    {
        var header = Encoding.UTF8.GetBytes(json);
        var bytes = new byte[8 + header.Length + data.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, (ulong)header.Length);
        header.CopyTo(bytes, 8);
        data.CopyTo(bytes, 8 + header.Length);
        return bytes;
    }

    private static InvalidDataException Corrupt(byte[] bytes) =>
        Assert.Throws<InvalidDataException>(() => SafeTensors.Parse(bytes, "model.safetensors"))!;

    private static readonly double[] Awkward = [0.1, -2.5e-300, double.MaxValue, double.Epsilon, -0.0, 1.0 / 3, double.NaN, double.NegativeInfinity];

    [Test]
    public void SaveLoad_F64_BitIdentical()
    {
        string path = Path.Combine(Folder, "m.safetensors");
        SafeTensors.Save(path, [new NamedArray("w", [2, 4], Awkward, SafeTensorsDType.F64)]);
        var loaded = SafeTensors.Load(path)["w"];
        Assert.Multiple(() =>
        {
            Assert.That(loaded.Shape, Is.EqualTo(new[] { 2, 4 }));
            Assert.That(loaded.DType, Is.EqualTo(SafeTensorsDType.F64));
            Assert.That(loaded.Data.Select(BitConverter.DoubleToInt64Bits), Is.EqualTo(Awkward.Select(BitConverter.DoubleToInt64Bits)));
        });
    }

    [Test]
    public void SaveLoad_F32_EqualsFloatRounding()
    {
        string path = Path.Combine(Folder, "m.safetensors");
        double[] values = [0.1, 1.0 / 3, -7.25, 1e-3, 123456.789];
        SafeTensors.Save(path, [new NamedArray("b", [5], values, SafeTensorsDType.F32)]);
        var loaded = SafeTensors.Load(path)["b"];
        Assert.Multiple(() =>
        {
            Assert.That(loaded.DType, Is.EqualTo(SafeTensorsDType.F32));
            Assert.That(loaded.Data, Is.EqualTo(values.Select(v => (double)(float)v)));
            Assert.That(loaded.Data[0], Is.Not.EqualTo(0.1));
        });
    }

    [Test]
    public void SerializeParse_AnyF64Values_RoundTripBitIdentical()
    {
        // FsCheck's doubles (NaN, ±∞, −0, subnormals among them), replayed from the suite's fixed seed.
        Properties.Check("safetensors f64 round trip", ArbMap.Default.GeneratorFor<double[]>(), values =>
        {
            var bytes = SafeTensors.Serialize([new NamedArray("x", [values.Length], values)]);
            var back = SafeTensors.Parse(bytes, "mem")["x"].Data;
            Assert.That(back.Select(BitConverter.DoubleToInt64Bits), Is.EqualTo(values.Select(BitConverter.DoubleToInt64Bits)), "bits of every value");
        });
    }

    [Test]
    public void SaveLoad_SeveralTensorsAndMetadata_SortedByNameWithMetadata()
    {
        string path = Path.Combine(Folder, "m.safetensors");
        var metadata = new Dictionary<string, string> { ["epoch"] = "12", ["note"] = "Bài học 7 \"quote\"" };
        SafeTensors.Save(
            path,
            [new NamedArray("z.bias", [3], [1, 2, 3]), new NamedArray("a.W", [2, 3], [1, 2, 3, 4, 5, 6], SafeTensorsDType.F32), new NamedArray("s", [], [42])],
            metadata);
        var (tensors, meta) = SafeTensors.Load(path);
        Assert.Multiple(() =>
        {
            Assert.That(tensors.Select(t => t.Name), Is.EqualTo(new[] { "a.W", "s", "z.bias" }));
            Assert.That(tensors[1].Shape, Is.Empty);
            Assert.That(tensors[1].Data, Is.EqualTo(new double[] { 42 }));
            Assert.That(tensors[2].Data, Is.EqualTo(new double[] { 1, 2, 3 }));
            Assert.That(meta, Is.EquivalentTo(metadata));
        });
    }

    [Test]
    public void Serialize_Tensors_HeaderPaddedToMultipleOf8WithContiguousOffsets()
    {
        var bytes = SafeTensors.Serialize([new NamedArray("b", [3], [1, 2, 3], SafeTensorsDType.F32), new NamedArray("a", [1], [5])]);
        ulong n = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        string header = Encoding.UTF8.GetString(bytes, 8, (int)n);
        Assert.Multiple(() =>
        {
            Assert.That(n % 8, Is.EqualTo(0UL));
            Assert.That(header.TrimEnd(' '), Does.EndWith("}"));
            Assert.That(header, Does.Contain("\"a\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[0,8]}"));
            Assert.That(header, Does.Contain("\"b\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[8,20]}"));
            Assert.That(bytes.Length, Is.EqualTo(8 + (int)n + 20));
            Assert.That(BinaryPrimitives.ReadDoubleLittleEndian(bytes.AsSpan(8 + (int)n)), Is.EqualTo(5.0));
        });
    }

    [Test]
    public void Parse_HandWrittenFileWithPaddingAndOtherOrder_Reads()
    {
        // As another writer might produce: tensors not in name order, header padded with spaces.
        var data = new byte[8 + 4];
        BinaryPrimitives.WriteSingleLittleEndian(data, 1.5f);
        BinaryPrimitives.WriteSingleLittleEndian(data.AsSpan(4), -2f);
        BinaryPrimitives.WriteSingleLittleEndian(data.AsSpan(8), 7f);
        var bytes = Build("{\"z\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},\"a\":{\"dtype\":\"F32\",\"shape\":[1,1],\"data_offsets\":[8,12]}}   ", data);
        var content = SafeTensors.Parse(bytes, "hand");
        Assert.Multiple(() =>
        {
            Assert.That(content["z"].Data, Is.EqualTo(new[] { 1.5, -2.0 }));
            Assert.That(content["a"].Data, Is.EqualTo(new[] { 7.0 }));
            Assert.That(content.Metadata, Is.Empty);
        });
    }

    [Test]
    public void Save_ExistingFile_ReplacedAndNoTemporaryLeft()
    {
        string path = Path.Combine(Folder, "m.safetensors");
        File.WriteAllText(path, "old");
        SafeTensors.Save(path, [new NamedArray("w", [1], [3])]);
        Assert.Multiple(() =>
        {
            Assert.That(Directory.GetFiles(Folder), Is.EqualTo(new[] { path }));
            Assert.That(SafeTensors.Load(path)["w"].Data, Is.EqualTo(new double[] { 3 }));
        });
    }

    [Test]
    public void Save_InvalidTensor_ThrowsAndLeavesNoFile()
    {
        string path = Path.Combine(Folder, "m.safetensors");
        var e = Assert.Throws<ArgumentException>(() => SafeTensors.Save(path, [new NamedArray("w", [2, 2], [1, 2, 3])]));
        Assert.Multiple(() =>
        {
            Assert.That(e!.Message, Does.Contain("'w'").And.Contain("[2, 2]").And.Contain("3 values"));
            Assert.That(Directory.GetFiles(Folder), Is.Empty);
        });
    }

    [Test]
    public void Save_DuplicateNames_Throws()
    {
        Assert.Throws<ArgumentException>(() => SafeTensors.Serialize([new NamedArray("w", [1], [1]), new NamedArray("w", [1], [2])]));
    }

    [Test]
    public void Load_FileShorterThan8Bytes_Throws()
    {
        string path = Path.Combine(Folder, "short.safetensors");
        File.WriteAllBytes(path, [1, 2, 3]);
        var e = Assert.Throws<InvalidDataException>(() => SafeTensors.Load(path));
        Assert.That(e!.Message, Does.Contain(path).And.Contain("3 bytes"));
    }

    [Test]
    public void Parse_HeaderLengthBeyondFile_Throws()
    {
        var bytes = Build("{}", []);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, 1000);
        Assert.That(Corrupt(bytes).Message, Does.Contain("model.safetensors").And.Contain("1000"));
    }

    [Test]
    public void Parse_AbsurdHeaderLength_ThrowsMentioningLimit()
    {
        var bytes = Build("{}", []);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, ulong.MaxValue);
        Assert.That(Corrupt(bytes).Message, Does.Contain("limit"));
    }

    // A corrupt header: the error names the tensor (and the file) and what is wrong with it.
    [TestCase("{\"w\": {", 0, "not valid JSON", TestName = "Parse_InvalidJson_Throws")]
    [TestCase("[1, 2]", 0, "not an object", TestName = "Parse_JsonArrayHeader_Throws")]
    [TestCase("{\"w\":{\"dtype\":\"F33\",\"shape\":[1],\"data_offsets\":[0,4]}}", 4, "'w'", "F33", "model.safetensors", TestName = "Parse_UnknownDType_ThrowsNamingTensorAndDType")]
    [TestCase("{\"w\":{\"dtype\":\"BF16\",\"shape\":[2],\"data_offsets\":[0,4]}}", 4, "BF16", "only F32 and F64", TestName = "Parse_SupportedElsewhereDType_ThrowsSayingOnlyF32F64")]
    [TestCase("{\"w\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", 8, "'w'", "12 bytes", "span 8", TestName = "Parse_ShapeDisagreesWithOffsets_ThrowsNamingTensor")]
    [TestCase("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}", 12, "'b'", "overlap", TestName = "Parse_OverlappingOffsets_Throws")]
    [TestCase("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,12]}}", 12, "'b'", "gap", TestName = "Parse_GapBetweenTensors_Throws")]
    [TestCase("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", 8, "'a'", "gap", TestName = "Parse_FirstTensorNotAtZero_Throws")]
    [TestCase("{\"a\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[0,16]}}", 8, "'a'", "outside", TestName = "Parse_OffsetsOutsideDataSection_Throws")]
    [TestCase("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", 6, "longer", "'a'", TestName = "Parse_DataSectionLongerThanLastOffset_Throws")]
    [TestCase("{\"a\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,0]}}", 0, "'a'", "shape", TestName = "Parse_NegativeShape_Throws")]
    [TestCase("{\"__metadata__\":{\"epoch\":3}}", 0, "epoch", TestName = "Parse_NonStringMetadata_Throws")]
    public void Parse_CorruptHeader_ThrowsSayingWhat(string header, int dataBytes, params string[] fragments)
    {
        var message = Corrupt(Build(header, new byte[dataBytes])).Message;
        Assert.Multiple(() =>
        {
            foreach (var fragment in fragments)
            {
                Assert.That(message, Does.Contain(fragment));
            }
        });
    }

    [Test]
    public void Parse_EmptyTensor_Allowed()
    {
        var content = SafeTensors.Parse(SafeTensors.Serialize([new NamedArray("e", [0, 3], [])]), "mem");
        Assert.That(content["e"].Shape, Is.EqualTo(new[] { 0, 3 }));
    }
}
