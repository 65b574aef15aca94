namespace MiniDL.Data;

/// <summary>
/// Thrown when the files of a data set that is not shipped with MiniDL (e.g. Fashion-MNIST) are missing;
/// the message says how to get them.
/// </summary>
public sealed class DatasetNotFoundException : IOException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="datasetName">The data set, e.g. "Fashion-MNIST".</param>
    /// <param name="directory">The directory that was searched.</param>
    /// <param name="missingFiles">The file names not found there.</param>
    /// <param name="howToGet">Instructions to obtain the files.</param>
    public DatasetNotFoundException(string datasetName, string directory, IReadOnlyList<string> missingFiles, string howToGet)
        : base($"{datasetName} not found: {directory} is missing {string.Join(", ", missingFiles)}. {howToGet}")
    {
        DatasetName = datasetName;
        Directory = directory;
        MissingFiles = missingFiles;
    }

    /// <summary>The data set that was looked for.</summary>
    public string DatasetName { get; }

    /// <summary>The directory that was searched.</summary>
    public string Directory { get; }

    /// <summary>The files that were not found.</summary>
    public IReadOnlyList<string> MissingFiles { get; }
}
