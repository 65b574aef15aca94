using System.Buffers.Binary;

namespace MiniDL.Native;

/// <summary>
/// Checks a shared-library file before the OS loader maps it. A file cut short (an interrupted copy or build) makes
/// the loader read past the end of its mapping, which kills the process with SIGBUS and no message; comparing the
/// file's length with the extents its own header describes turns that into an error that names the file.
/// </summary>
internal static class LibraryFileCheck
{
    /// <summary>
    /// Null when <paramref name="path"/> is not an ELF file or is at least as long as every segment and the section
    /// table its ELF header describes; otherwise why it is truncated, e.g. "truncated: 4096 bytes, its ELF header describes 16384".
    /// </summary>
    /// <param name="path">The library file.</param>
    /// <returns>Null, or the reason.</returns>
    public static string? Truncated(string path)
    {
        try
        {
            using var file = File.OpenRead(path);
            long length = file.Length;
            var header = new byte[64];
            if (file.Read(header, 0, 64) < 52 || header[0] != 0x7F || header[1] != (byte)'E' || header[2] != (byte)'L' || header[3] != (byte)'F')
            {
                return length < 64 && length >= 4 && header[0] == 0x7F ? $"truncated: {length} bytes, shorter than an ELF header" : null;
            }

            bool is64 = header[4] == 2, little = header[5] == 1;
            ulong U(int offset, int size) => Read(header, offset, size, little);

            // ELF header fields: e_phoff, e_shoff, e_phentsize, e_phnum, e_shentsize, e_shnum (System V ABI, "ELF Header").
            ulong phoff = is64 ? U(32, 8) : U(28, 4), shoff = is64 ? U(40, 8) : U(32, 4);
            ulong phentsize = is64 ? U(54, 2) : U(42, 2), phnum = is64 ? U(56, 2) : U(44, 2);
            ulong shentsize = is64 ? U(58, 2) : U(46, 2), shnum = is64 ? U(60, 2) : U(48, 2);
            ulong need = Math.Max(phoff + (phentsize * phnum), shnum == 0 ? 0 : shoff + (shentsize * shnum));
            if ((ulong)length >= phoff + (phentsize * phnum) && phentsize >= (is64 ? 56u : 32u))
            {
                // Each program header: p_offset and p_filesz (the bytes of the file that segment maps).
                var ph = new byte[56];
                for (ulong i = 0; i < phnum; i++)
                {
                    file.Position = (long)(phoff + (i * phentsize));
                    if (file.Read(ph, 0, is64 ? 56 : 32) < (is64 ? 56 : 32))
                    {
                        break;
                    }

                    ulong offset = is64 ? Read(ph, 8, 8, little) : Read(ph, 4, 4, little);
                    ulong filesz = is64 ? Read(ph, 32, 8, little) : Read(ph, 16, 4, little);
                    need = Math.Max(need, offset + filesz);
                }
            }

            return (ulong)length < need ? $"truncated: {length} bytes, its ELF header describes {need}" : null;
        }
        catch (IOException)
        {
            return null; // unreadable here: let the loader say why
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static ulong Read(byte[] b, int offset, int size, bool little) => size switch
    {
        2 => little ? BinaryPrimitives.ReadUInt16LittleEndian(b.AsSpan(offset)) : BinaryPrimitives.ReadUInt16BigEndian(b.AsSpan(offset)),
        4 => little ? BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(offset)) : BinaryPrimitives.ReadUInt32BigEndian(b.AsSpan(offset)),
        _ => little ? BinaryPrimitives.ReadUInt64LittleEndian(b.AsSpan(offset)) : BinaryPrimitives.ReadUInt64BigEndian(b.AsSpan(offset)),
    };
}
