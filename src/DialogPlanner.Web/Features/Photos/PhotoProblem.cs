using Microsoft.Extensions.Localization;

namespace DialogPlanner.Web.Features.Photos;

/// <summary>Why an upload was not stored.</summary>
public enum PhotoProblem
{
    None,
    TooLarge,
    NotAPhoto,
    TooManyPixels,
    Unreadable,
    TooSlow,
    /// <summary>Every decoder was taken for longer than the queue waits, or the app is stopping: worth trying again later.</summary>
    Busy,
}

public static class PhotoProblems
{
    /// <summary>What the person uploading is told, in their language; the same words on every upload form.</summary>
    public static string Explain(this PhotoProblem problem, IStringLocalizer t, PhotoSettings settings) => problem switch
    {
        PhotoProblem.TooLarge => t["Fotot är för stort (högst {0} MB).", settings.MaxBytes / 1024 / 1024],
        PhotoProblem.NotAPhoto => t["Filen är inte ett foto. Använd JPEG, PNG, HEIC eller WebP."],
        PhotoProblem.TooManyPixels => t["Fotot har för många bildpunkter (högst {0} megapixel).", settings.MaxMegapixels],
        PhotoProblem.Unreadable => t["Fotot kunde inte läsas. Filen är skadad eller inte en bild i JPEG, PNG, HEIC eller WebP."],
        PhotoProblem.TooSlow => t["Fotot tog för lång tid att behandla. Försök med en mindre bild."],
        PhotoProblem.Busy => t["Servern är upptagen med andra foton. Försök igen om en stund."],
        _ => "",
    };
}
