namespace Rectification.Web;

/// <summary>
/// Marker for the one resource file of the UI. Keys are the Simplified Chinese texts themselves, so Chinese
/// (the default) needs no resource file; Resources/SharedResource.en.resx gives the English.
/// </summary>
public sealed class SharedResource;
