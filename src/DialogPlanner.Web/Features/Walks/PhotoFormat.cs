using System.Buffers.Binary;
using System.Text;

namespace DialogPlanner.Web.Features.Walks;

/// <summary>
/// Recognises photos by their content, never by name, and removes the metadata blocks that can
/// carry a position (EXIF, XMP, text chunks) before a photo is stored.
/// </summary>
public static class PhotoFormat
{
    public static readonly IReadOnlyDictionary<string, string> Extensions = new Dictionary<string, string>
    {
        ["image/jpeg"] = "jpg", ["image/png"] = "png", ["image/webp"] = "webp", ["image/heic"] = "heic",
    };

    /// <summary>The content type the bytes really are, or null when they are not a photo we accept.</summary>
    public static string? Sniff(ReadOnlySpan<byte> head)
    {
        if (head.Length >= 3 && head[0] == 0xFF && head[1] == 0xD8 && head[2] == 0xFF) return "image/jpeg";
        if (head.Length >= 8 && head[..8].SequenceEqual(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A })) return "image/png";
        if (head.Length >= 12 && head[..4].SequenceEqual("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8)) return "image/webp";
        if (head.Length >= 12 && head[4..8].SequenceEqual("ftyp"u8))
        {
            var brand = Encoding.ASCII.GetString(head[8..12]);
            if (brand is "heic" or "heix" or "hevc" or "hevx" or "mif1" or "msf1" or "heim" or "heis") return "image/heic";
        }
        return null;
    }

    /// <summary>
    /// The photo without position-bearing metadata. HEIC cannot be cleaned this simply, so it is kept
    /// as taken and never shown publicly (see <see cref="CanBeShownPublicly"/>).
    /// </summary>
    public static byte[] StripMetadata(byte[] photo, string contentType) => contentType switch
    {
        "image/jpeg" => StripJpeg(photo),
        "image/png" => StripPng(photo),
        "image/webp" => StripWebp(photo),
        _ => photo,
    };

    public static bool CanBeShownPublicly(string? contentType) => contentType is "image/jpeg" or "image/png" or "image/webp";

    private static byte[] StripJpeg(byte[] jpeg)
    {
        using var output = new MemoryStream(jpeg.Length);
        output.Write(jpeg, 0, 2); // SOI
        var i = 2;
        while (i + 4 <= jpeg.Length && jpeg[i] == 0xFF)
        {
            var marker = jpeg[i + 1];
            if (marker == 0xDA) break; // start of scan: the rest is image data
            var length = BinaryPrimitives.ReadUInt16BigEndian(jpeg.AsSpan(i + 2));
            // APP1 holds EXIF and XMP (GPS among them); APP13 holds IPTC; COM free text.
            var drop = marker is 0xE1 or 0xED or 0xFE;
            if (!drop) output.Write(jpeg, i, 2 + length);
            i += 2 + length;
        }
        output.Write(jpeg, i, jpeg.Length - i);
        return output.ToArray();
    }

    private static byte[] StripPng(byte[] png)
    {
        using var output = new MemoryStream(png.Length);
        output.Write(png, 0, 8);
        var i = 8;
        while (i + 12 <= png.Length)
        {
            var length = (int)BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(i));
            var type = Encoding.ASCII.GetString(png, i + 4, 4);
            if (type is not ("eXIf" or "tEXt" or "iTXt" or "zTXt")) output.Write(png, i, 12 + length);
            i += 12 + length;
        }
        return output.ToArray();
    }

    private static byte[] StripWebp(byte[] webp)
    {
        using var output = new MemoryStream(webp.Length);
        output.Write(webp, 0, 12);
        var i = 12;
        while (i + 8 <= webp.Length)
        {
            var type = Encoding.ASCII.GetString(webp, i, 4);
            var size = (int)BinaryPrimitives.ReadUInt32LittleEndian(webp.AsSpan(i + 4));
            var padded = size + (size & 1);
            if (type is not ("EXIF" or "XMP "))
            {
                var start = (int)output.Position;
                output.Write(webp, i, Math.Min(8 + padded, webp.Length - i));
                // The VP8X header announces EXIF/XMP in its flags; clear them since the chunks are gone.
                if (type == "VP8X") output.GetBuffer()[start + 8] &= 0b1111_0011;
            }
            i += 8 + padded;
        }
        var bytes = output.ToArray();
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4), (uint)(bytes.Length - 8));
        return bytes;
    }
}
