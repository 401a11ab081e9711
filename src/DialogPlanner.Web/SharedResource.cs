namespace DialogPlanner.Web;

/// <summary>
/// Marker for the shared UI texts. Keys are the Swedish texts themselves, so Swedish needs no
/// resource file; <c>Resources/SharedResource.en.resx</c> holds the English.
/// </summary>
public sealed class SharedResource;
