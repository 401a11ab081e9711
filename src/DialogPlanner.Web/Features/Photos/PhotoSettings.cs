namespace DialogPlanner.Web.Features.Photos;

/// <summary>The <c>Photos</c> section of the configuration; every setting is described in appsettings.example.json.</summary>
public sealed class PhotoSettings
{
    public const string Section = "Photos";

    /// <summary>The folder of the photo store, relative to the app's folder; never under wwwroot.</summary>
    public string Path { get; set; } = "App_Data/photos";

    /// <summary>Largest upload taken at all, checked before anything is decoded.</summary>
    public long MaxBytes { get; set; } = 10 * 1024 * 1024;

    public int MaxWidth { get; set; } = 10_000;
    public int MaxHeight { get; set; } = 10_000;

    /// <summary>Width × height in millions: what decoding costs in memory and time follows from it.</summary>
    public int MaxMegapixels { get; set; } = 50;

    /// <summary>ImageMagick's pixel memory for all decodes together; beyond it a decode is refused, never spilled to disk.</summary>
    public int MaxMemoryMegabytes { get; set; } = 1024;

    /// <summary>Decodes at once; 0 means one per processor core.</summary>
    public int MaxConcurrent { get; set; }

    /// <summary>How long an upload waits for a free decoder before it is turned away as busy.</summary>
    public int QueueSeconds { get; set; } = 10;

    /// <summary>How long one photo may take to decode and re-encode before it is refused.</summary>
    public double DecodeSeconds { get; set; } = 15;

    /// <summary>The longer side of the stored photo; larger photos are scaled down.</summary>
    public int MaxSide { get; set; } = 2560;

    /// <summary>The longer side of the thumbnail shown in lists and protocols.</summary>
    public int ThumbnailSide { get; set; } = 320;

    /// <summary>JPEG quality (1–100) of the stored photo and thumbnail.</summary>
    public int Quality { get; set; } = 82;

    /// <summary>Also keep the file as uploaded (with its metadata, position included), for the operators only.</summary>
    public bool KeepOriginals { get; set; }

    public int Concurrency => MaxConcurrent > 0 ? MaxConcurrent : Environment.ProcessorCount;
}
