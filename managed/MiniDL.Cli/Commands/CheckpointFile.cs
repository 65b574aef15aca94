namespace MiniDL.Cli.Commands;

/// <summary>The checks that a CHECKPOINT argument names a file, shared by <c>eval</c> and <c>export</c>.</summary>
internal static class CheckpointFile
{
    /// <summary>
    /// Fails (exit 1) with a message that says what to pass when <paramref name="path"/> is a folder or does not
    /// exist, instead of the runtime's "access denied" or "could not find a part of the path".
    /// </summary>
    public static void Require(string path)
    {
        if (Directory.Exists(path))
        {
            throw new CommandFailedException($"checkpoint '{path}' is a folder; name the model.safetensors file inside it.");
        }

        if (!File.Exists(path))
        {
            throw new CommandFailedException($"checkpoint '{path}' does not exist (minidl train writes one to runs/DATASET/model.safetensors).");
        }
    }
}
