using System.Buffers.Binary;
using System.Globalization;
using System.Text.Json;
using MiniDL.Autograd.Activations;
using MiniDL.Checkpoints;
using MiniDL.Layers;

namespace MiniDL.Porting;

/// <summary>
/// A <see cref="Sequential"/> model as the <c>state_dict</c> of the equivalent PyTorch <c>nn.Sequential</c>, written as
/// safetensors: layer i keeps its index; Linear → "i.weight" (outputs × inputs, the transpose of MiniDL's W) and
/// "i.bias" (a vector); BatchNorm → "i.weight" (γ), "i.bias" (β), "i.running_mean", "i.running_var",
/// "i.num_batches_tracked" (I64 scalar; MiniDL does not count batches, so 0). Activation and dropout layers have no
/// tensors. The metadata entry "torch.modules" lists the modules (e.g. "Linear(64, 32);ReLU();Linear(32, 10)").
/// </summary>
public static class TorchExport
{
    /// <summary>A tensor of the state dict: F32, F64 or I64 values, row-major.</summary>
    /// <param name="Name">PyTorch's name, e.g. "0.weight".</param>
    /// <param name="Shape">PyTorch's shape.</param>
    /// <param name="Data">The values.</param>
    /// <param name="DType">"F32", "F64" or "I64".</param>
    public sealed record TorchTensor(string Name, int[] Shape, double[] Data, string DType);

    /// <summary>The PyTorch modules of the model, one per layer, as Python constructor calls in the <c>torch.nn</c> namespace.</summary>
    /// <param name="model">The model.</param>
    /// <returns>E.g. ["Linear(64, 32)", "ReLU()", "Linear(32, 10)"].</returns>
    /// <exception cref="NotSupportedException">A layer has no PyTorch counterpart here (e.g. Maxout).</exception>
    public static IReadOnlyList<string> Modules(Sequential model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.Layers.Select(layer => layer switch
        {
            Linear l when l.Activation == Activation.Identity => $"Linear({l.Inputs}, {l.Outputs})",
            BatchNorm b => string.Create(CultureInfo.InvariantCulture, $"BatchNorm1d({b.Features}, eps={b.Epsilon:R}, momentum={b.Momentum:R})"),
            ActivationLayer a => a.Kind switch
            {
                Activation.Relu => "ReLU()",
                Activation.Sigmoid => "Sigmoid()",
                Activation.Tanh => "Tanh()",
                Activation.LeakyRelu => string.Create(CultureInfo.InvariantCulture, $"LeakyReLU(negative_slope={a.Parameter:R})"),
                Activation.Elu => string.Create(CultureInfo.InvariantCulture, $"ELU(alpha={a.Parameter:R})"),
                _ => throw new NotSupportedException($"TorchExport: activation {a.Kind} has no PyTorch module here."),
            },
            Dropout d => string.Create(CultureInfo.InvariantCulture, $"Dropout(p={d.P:R})"),
            _ => throw new NotSupportedException($"TorchExport: layer {layer} has no PyTorch counterpart here."),
        }).ToList();
    }

    /// <summary>The state dict of the equivalent <c>nn.Sequential</c>.</summary>
    /// <param name="model">The model.</param>
    /// <param name="floatType">"F32" (PyTorch's default) or "F64".</param>
    /// <returns>The tensors, in module order.</returns>
    public static IReadOnlyList<TorchTensor> StateDict(Sequential model, string floatType = "F32")
    {
        _ = Modules(model); // rejects unsupported layers
        var tensors = new List<TorchTensor>();
        for (int i = 0; i < model.Layers.Count; i++)
        {
            switch (model.Layers[i])
            {
                case Linear l:
                    tensors.Add(new($"{i}.weight", [l.Outputs, l.Inputs], Transpose(l.Weight.Value.ToArray(), l.Inputs, l.Outputs), floatType));
                    tensors.Add(new($"{i}.bias", [l.Outputs], l.Bias.Value.ToArray(), floatType));
                    break;
                case BatchNorm b:
                    tensors.Add(new($"{i}.weight", [b.Features], b.Gamma.Value.ToArray(), floatType));
                    tensors.Add(new($"{i}.bias", [b.Features], b.Beta.Value.ToArray(), floatType));
                    tensors.Add(new($"{i}.running_mean", [b.Features], b.RunningMean.Value.ToArray(), floatType));
                    tensors.Add(new($"{i}.running_var", [b.Features], b.RunningVariance.Value.ToArray(), floatType));
                    tensors.Add(new($"{i}.num_batches_tracked", [], [0], "I64"));
                    break;
            }
        }

        return tensors;
    }

    /// <summary>Writes the state dict (and metadata, plus "torch.modules") to a safetensors file.</summary>
    /// <param name="path">The file.</param>
    /// <param name="model">The model.</param>
    /// <param name="floatType">"F32" or "F64".</param>
    /// <param name="metadata">More string metadata (e.g. the checkpoint's preprocessing).</param>
    public static void Save(string path, Sequential model, string floatType = "F32", IReadOnlyDictionary<string, string>? metadata = null)
    {
        var all = new Dictionary<string, string>(metadata ?? new Dictionary<string, string>(), StringComparer.Ordinal)
        {
            ["torch.modules"] = string.Join(";", Modules(model)),
        };
        File.WriteAllBytes(path, Serialize(StateDict(model, floatType), all));
    }

    /// <summary>The bytes of a safetensors file: 8-byte little-endian header length, JSON header, then the data.</summary>
    /// <param name="tensors">The tensors.</param>
    /// <param name="metadata">String metadata ("__metadata__").</param>
    /// <returns>The file's bytes.</returns>
    public static byte[] Serialize(IReadOnlyList<TorchTensor> tensors, IReadOnlyDictionary<string, string> metadata)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        ArgumentNullException.ThrowIfNull(metadata);
        using var data = new MemoryStream();
        using var headerBuffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(headerBuffer))
        {
            w.WriteStartObject();
            w.WriteStartObject("__metadata__");
            foreach (var (k, v) in metadata.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                w.WriteString(k, v);
            }

            w.WriteEndObject();
            foreach (var t in tensors)
            {
                long start = data.Length;
                var element = new byte[t.DType == "F32" ? 4 : 8];
                foreach (var v in t.Data)
                {
                    switch (t.DType)
                    {
                        case "F32": BinaryPrimitives.WriteSingleLittleEndian(element, (float)v); break;
                        case "F64": BinaryPrimitives.WriteDoubleLittleEndian(element, v); break;
                        case "I64": BinaryPrimitives.WriteInt64LittleEndian(element, (long)v); break;
                        default: throw new ArgumentException($"TorchExport: dtype '{t.DType}' is not F32, F64 or I64.", nameof(tensors));
                    }

                    data.Write(element);
                }

                w.WriteStartObject(t.Name);
                w.WriteString("dtype", t.DType);
                GoldenJson.WriteShape(w, t.Shape);
                w.WriteStartArray("data_offsets");
                w.WriteNumberValue(start);
                w.WriteNumberValue(data.Length);
                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndObject();
        }

        var header = new List<byte>(headerBuffer.ToArray());
        while (header.Count % 8 != 0)
        {
            header.Add((byte)' '); // the format pads the header with spaces to an 8-byte boundary
        }

        var bytes = new byte[8 + header.Count + data.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, (ulong)header.Count);
        header.CopyTo(bytes, 8);
        data.ToArray().CopyTo(bytes, 8 + header.Count);
        return bytes;
    }

    private static double[] Transpose(double[] w, int rows, int columns)
    {
        var t = new double[w.Length];
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < columns; c++)
            {
                t[c * rows + r] = w[r * columns + c];
            }
        }

        return t;
    }
}
