using System.Text;
using DialogPlanner.Tests.Infrastructure;
using ImageMagick;
using ImageMagick.Drawing;

namespace DialogPlanner.Tests.Photos;

/// <summary>
/// Real photos, made with Magick.NET here, carrying what a phone's photo carries: EXIF with the GPS position
/// and the camera, an XMP packet, IPTC, a colour profile and a comment. A yellow mark sits in the stored
/// top-left corner, so that turning the photo upright can be seen.
/// </summary>
public static class TestPhotos
{
    /// <summary>Text that is somewhere in every test photo's metadata and must never be in what is stored.</summary>
    public static readonly string[] Traces = ["Exif\0\0", "ns.adobe.com", "Ljungby centrum", "iPhone 15", "56.8333 N"];

    public static byte[] Jpeg(uint width = 64, uint height = 48, Orientation orientation = Orientation.TopLeft) =>
        Make(MagickFormat.Jpeg, width, height, orientation);

    public static byte[] Make(MagickFormat format, uint width = 64, uint height = 48, Orientation orientation = Orientation.TopLeft)
    {
        using var image = new MagickImage(new MagickColor("#1a1a40"), width, height);
        new Drawables().FillColor(new MagickColor("#ffd23f")).Rectangle(0, 0, width / 2.0, height / 4.0).Draw(image);
        image.SetProfile(ColorProfiles.AdobeRGB1998);
        var exif = Exif();
        // ImageMagick writes the orientation only when the EXIF tag and the image's own setting agree.
        exif.SetValue(ExifTag.Orientation, (ushort)orientation);
        image.SetProfile(exif);
        image.SetProfile(new XmpProfile(Encoding.UTF8.GetBytes(
            """<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="56,50.0N" exif:GPSLongitude="13,56.0E"/></rdf:RDF></x:xmpmeta>""")));
        var iptc = new IptcProfile();
        iptc.SetValue(IptcTag.City, "Ljungby centrum");
        image.SetProfile(iptc);
        image.Comment = "Taken at 56.8333 N, 13.9333 E";
        image.Orientation = orientation;
        image.Quality = 90;
        return image.ToByteArray(format);
    }

    private static ExifProfile Exif()
    {
        var exif = new ExifProfile();
        exif.SetValue(ExifTag.GPSLatitude, [new Rational(56, 1), new Rational(50, 1), new Rational(0, 1)]);
        exif.SetValue(ExifTag.GPSLatitudeRef, "N");
        exif.SetValue(ExifTag.GPSLongitude, [new Rational(13, 1), new Rational(56, 1), new Rational(0, 1)]);
        exif.SetValue(ExifTag.GPSLongitudeRef, "E");
        exif.SetValue(ExifTag.Make, "Apple");
        exif.SetValue(ExifTag.Model, "iPhone 15");
        return exif;
    }

    /// <summary>
    /// A 64 × 48 HEIC as an iPhone writes it, with EXIF (GPS position, "Apple", "iPhone 15") and the same picture
    /// as <see cref="Jpeg"/>'s: 0.9 kB kept in the repository, because Magick.NET reads HEIC but cannot write it
    /// (it has no HEVC encoder). Made once from such a JPEG (EXIF only) with libheif's encoder from Debian's
    /// libheif-examples, <c>heif-enc -q 60 -o gps-iphone.heic source.jpg</c>, which carries the EXIF over.
    /// </summary>
    public static byte[] Heic() => File.ReadAllBytes(Repo.PathOf("tests", "DialogPlanner.Tests", "Photos", "gps-iphone.heic"));

    /// <summary>
    /// Asserts that the bytes are a JPEG that ImageMagick reads with no metadata at all (no EXIF, XMP, IPTC,
    /// colour profile or comment), and that none of the test photos' metadata is left in them; returns it.
    /// </summary>
    public static MagickImage AssertClean(byte[] bytes, string what)
    {
        var image = new MagickImage(bytes);
        Assert.True(image.Format == MagickFormat.Jpeg, $"{what} is {image.Format}, not JPEG");
        Assert.True(image.ProfileNames.Count() == 0, $"{what} carries profiles: {string.Join(", ", image.ProfileNames)}");
        Assert.Null(image.GetExifProfile());
        Assert.Null(image.GetXmpProfile());
        Assert.Null(image.GetIptcProfile());
        Assert.Null(image.GetColorProfile());
        Assert.True(string.IsNullOrEmpty(image.Comment), $"{what} has the comment {image.Comment}");
        var text = Encoding.Latin1.GetString(bytes);
        foreach (var trace in Traces.Append("<script").Append("<html"))
            Assert.False(text.Contains(trace, StringComparison.Ordinal), $"{what} still holds \"{trace}\"");
        return image;
    }

    /// <summary>Whether the pixel is the yellow of the mark (as opposed to the dark blue background).</summary>
    public static bool IsMark(IMagickImage<byte> image, int x, int y)
    {
        var colour = image.GetPixels().GetPixel(x, y).ToColor()!;
        return colour.R > 180 && colour.G > 150 && colour.B < 120;
    }
}
