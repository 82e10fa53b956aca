namespace Rectification.Core.Evidence;

public sealed class EvidenceOptions
{
    public const string Section = "Evidence";

    /// <summary>Where files are stored; relative paths are under the app's content root. Never under wwwroot.</summary>
    public string Root { get; set; } = "App_Data/evidence";

    /// <summary>Largest accepted file, in bytes (50 MB).</summary>
    public long MaxFileBytes { get; set; } = 50L * 1024 * 1024;

    /// <summary>Most files in one upload.</summary>
    public int MaxFilesPerUpload { get; set; } = 20;

    /// <summary>Leftovers (temporary files, stored files no record refers to) younger than this are left alone.</summary>
    public int SweepGraceMinutes { get; set; } = 60;
}
