using System.Buffers.Binary;
using System.Text;
using DialogPlanner.Web.Features.Walks;

namespace DialogPlanner.Tests.Walks;

public sealed class PhotoFormatTests
{
    private static readonly byte[] Gps = Encoding.ASCII.GetBytes("GPSLatitude=56.8330");

    private static byte[] Segment(byte marker, byte[] body)
    {
        var segment = new byte[4 + body.Length];
        segment[0] = 0xFF;
        segment[1] = marker;
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(2), (ushort)(body.Length + 2));
        body.CopyTo(segment, 4);
        return segment;
    }

    public static byte[] Jpeg() =>
    [
        0xFF, 0xD8,
        .. Segment(0xE0, Encoding.ASCII.GetBytes("JFIF\0\u0001\u0001\0\0\u0001\0\u0001\0\0")),
        .. Segment(0xE1, [.. Encoding.ASCII.GetBytes("Exif\0\0"), .. Gps]),
        .. Segment(0xDA, [1, 2, 3]), 0x11, 0x22, 0x33, 0xFF, 0xD9,
    ];

    private static byte[] PngChunk(string type, byte[] data)
    {
        var chunk = new byte[12 + data.Length];
        BinaryPrimitives.WriteUInt32BigEndian(chunk, (uint)data.Length);
        Encoding.ASCII.GetBytes(type).CopyTo(chunk, 4);
        data.CopyTo(chunk, 8);
        return chunk;
    }

    private static byte[] WebpChunk(string type, byte[] data)
    {
        var chunk = new byte[8 + data.Length + (data.Length & 1)];
        Encoding.ASCII.GetBytes(type).CopyTo(chunk, 0);
        BinaryPrimitives.WriteUInt32LittleEndian(chunk.AsSpan(4), (uint)data.Length);
        data.CopyTo(chunk, 8);
        return chunk;
    }

    [Fact]
    public void Sniff_KnowsPhotosByContent_NotByName()
    {
        Assert.Equal("image/jpeg", PhotoFormat.Sniff(Jpeg()));
        Assert.Equal("image/png", PhotoFormat.Sniff([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0]));
        Assert.Equal("image/webp", PhotoFormat.Sniff("RIFF\0\0\0\0WEBPVP8 "u8));
        Assert.Equal("image/heic", PhotoFormat.Sniff("\0\0\0\u0018ftypheic\0\0\0\0"u8));
        Assert.Null(PhotoFormat.Sniff("%PDF-1.7 not a photo"u8));
        Assert.Null(PhotoFormat.Sniff("<html><body>renamed.jpg</body></html>"u8));
        Assert.Null(PhotoFormat.Sniff([]));
    }

    [Fact]
    public void Jpeg_LosesItsExif_KeepsEverythingElse()
    {
        var original = Jpeg();
        var stripped = PhotoFormat.StripMetadata(original, "image/jpeg");

        Assert.DoesNotContain("Exif", Encoding.ASCII.GetString(stripped));
        Assert.DoesNotContain("GPS", Encoding.ASCII.GetString(stripped));
        Assert.Contains("JFIF", Encoding.ASCII.GetString(stripped));
        Assert.Equal(original.Length - (4 + 6 + Gps.Length), stripped.Length);
        Assert.Equal(original[^9..], stripped[^9..]); // the scan and end of image untouched
    }

    [Fact]
    public void Png_LosesExifAndTextChunks()
    {
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. PngChunk("IHDR", new byte[13]), .. PngChunk("eXIf", Gps),
            .. PngChunk("tEXt", Gps), .. PngChunk("IDAT", [1, 2, 3]), .. PngChunk("IEND", [])];
        var stripped = Encoding.ASCII.GetString(PhotoFormat.StripMetadata(png, "image/png"));
        Assert.DoesNotContain("GPS", stripped);
        Assert.Contains("IHDR", stripped);
        Assert.Contains("IDAT", stripped);
        Assert.EndsWith("IEND", stripped[..^4]);
    }

    [Fact]
    public void Webp_LosesExif_AndItsHeaderSaysSo()
    {
        byte[] vp8x = [0b0000_1000, 0, 0, 0, 0, 0, 0, 0, 0, 0];
        byte[] body = [.. "WEBP"u8, .. WebpChunk("VP8X", vp8x), .. WebpChunk("EXIF", Gps), .. WebpChunk("VP8 ", [9, 9, 9])];
        byte[] webp = [.. "RIFF"u8, .. BitConverter.GetBytes(body.Length), .. body];

        var stripped = PhotoFormat.StripMetadata(webp, "image/webp");

        Assert.DoesNotContain("GPS", Encoding.ASCII.GetString(stripped));
        Assert.Equal(stripped.Length - 8, BinaryPrimitives.ReadInt32LittleEndian(stripped.AsSpan(4)));
        Assert.Equal(0, stripped[20] & 0b0000_1000); // VP8X flags byte: EXIF bit cleared
        Assert.Equal("image/webp", PhotoFormat.Sniff(stripped));
    }

    [Fact]
    public void Heic_IsKept_ButNeverShownPublicly()
    {
        Assert.False(PhotoFormat.CanBeShownPublicly("image/heic"));
        Assert.True(PhotoFormat.CanBeShownPublicly("image/jpeg"));
    }
}
