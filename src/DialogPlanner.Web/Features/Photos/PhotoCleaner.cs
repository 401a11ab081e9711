using ImageMagick;
using ImageMagick.Formats;

namespace DialogPlanner.Web.Features.Photos;

/// <summary>
/// Turns an uploaded file into a photo that is safe to keep and show: decoded by ImageMagick within the
/// limits of <see cref="PhotoSettings"/>, turned upright, scaled down, and written anew as JPEG without any
/// metadata (EXIF with its position, XMP, IPTC, colour profiles, comments), together with a thumbnail.
/// Nothing here reads a file format itself: the first bytes only choose which one decoder ImageMagick may use.
/// </summary>
public static class PhotoCleaner
{
    public const string ContentType = "image/jpeg";

    public sealed record Cleaned(byte[] Photo, byte[] Thumbnail, string OriginalExtension);

    /// <summary>The decoder for a file starting with these bytes, or null: only these four ever reach ImageMagick.</summary>
    public static MagickFormat? FormatOf(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF])) return MagickFormat.Jpeg;
        if (head.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])) return MagickFormat.Png;
        if (head.Length >= 12 && head[..4].SequenceEqual("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8)) return MagickFormat.WebP;
        // HEIF (iPhones' HEIC): an ISO box "ftyp" with one of the still-image brands.
        if (head.Length >= 12 && head[4..8].SequenceEqual("ftyp"u8) && HeifBrands.Contains(System.Text.Encoding.ASCII.GetString(head[8..12])))
            return MagickFormat.Heic;
        return null;
    }

    private static readonly HashSet<string> HeifBrands = ["heic", "heix", "hevc", "hevx", "heim", "heis", "mif1", "msf1"];

    /// <summary>
    /// The cleaned photo, or a <see cref="PhotoRefusedException"/>. Runs on the caller's thread and checks
    /// <paramref name="cancel"/> between steps: ImageMagick itself cannot be stopped halfway through one.
    /// </summary>
    public static Cleaned Clean(byte[] upload, PhotoSettings settings, CancellationToken cancel)
    {
        var format = FormatOf(upload) ?? throw new PhotoRefusedException(PhotoProblem.NotAPhoto);
        // One frame only: an animated PNG or WebP, or a HEIF with many images, is taken as its first picture.
        var read = new MagickReadSettings { Format = format, FrameIndex = 0, FrameCount = 1 };
        try
        {
            // The header first: the size it announces is refused before any pixel is allocated.
            uint width, height;
            using (var header = new MagickImage())
            {
                header.Ping(upload, read);
                (width, height) = (header.Width, header.Height);
            }
            if (width > settings.MaxWidth || height > settings.MaxHeight || (long)width * height > settings.MaxMegapixels * 1_000_000L)
                throw new PhotoRefusedException(PhotoProblem.TooManyPixels);
            cancel.ThrowIfCancellationRequested();
            // A large JPEG is decoded straight at about the size it is stored in (libjpeg scales while decoding):
            // a fraction of the work. Only downwards: given a larger size, libjpeg would scale up.
            if (format == MagickFormat.Jpeg && Math.Max(width, height) > settings.MaxSide)
                read.SetDefines(new JpegReadDefines { Size = new MagickGeometry((uint)settings.MaxSide, (uint)settings.MaxSide) });
            using var image = new MagickImage(upload, read);
            cancel.ThrowIfCancellationRequested();

            image.AutoOrient();
            // Colours described by the photo's own profile (Display P3 on iPhones, Adobe RGB) are converted to sRGB
            // before the profile goes, so the picture still looks as taken; CMYK files are converted too.
            image.TransformColorSpace(ColorProfiles.SRGB);
            if (image.ColorSpace != ColorSpace.sRGB) image.ColorSpace = ColorSpace.sRGB;
            // JPEG has no transparency: what was transparent becomes white, not black.
            if (image.HasAlpha)
            {
                image.BackgroundColor = MagickColors.White;
                image.Alpha(AlphaAction.Remove);
            }
            image.Resize(new MagickGeometry((uint)settings.MaxSide, (uint)settings.MaxSide) { Greater = true });
            image.Strip();
            cancel.ThrowIfCancellationRequested();
            var photo = Jpeg(image, settings.Quality);

            cancel.ThrowIfCancellationRequested();
            using var thumbnail = image.Clone();
            thumbnail.Thumbnail(new MagickGeometry((uint)settings.ThumbnailSide, (uint)settings.ThumbnailSide) { Greater = true });
            thumbnail.Strip();
            return new Cleaned(photo, Jpeg(thumbnail, settings.Quality), Extension(format));
        }
        catch (MagickException)
        {
            // Corrupt, truncated, lying about its size, or over a resource limit: all the same to the person uploading.
            throw new PhotoRefusedException(PhotoProblem.Unreadable);
        }
    }

    private static byte[] Jpeg(IMagickImage<byte> image, int quality)
    {
        image.Quality = (uint)quality;
        return image.ToByteArray(MagickFormat.Jpeg);
    }

    private static string Extension(MagickFormat format) => format switch
    {
        MagickFormat.Png => "png",
        MagickFormat.WebP => "webp",
        MagickFormat.Heic => "heic",
        _ => "jpg",
    };
}

/// <summary>An upload that is not taken, and why.</summary>
public sealed class PhotoRefusedException(PhotoProblem problem) : Exception(problem.ToString())
{
    public PhotoProblem Problem { get; } = problem;
}
