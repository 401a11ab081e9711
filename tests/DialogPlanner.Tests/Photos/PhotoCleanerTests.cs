using System.Diagnostics;
using DialogPlanner.Web.Features.Photos;
using ImageMagick;
using ImageMagick.Drawing;
using Xunit.Abstractions;

namespace DialogPlanner.Tests.Photos;

public sealed class PhotoCleanerTests
{
    private static readonly PhotoSettings Defaults = new();
    private readonly ITestOutputHelper output;

    public PhotoCleanerTests(ITestOutputHelper output)
    {
        this.output = output;
        // ImageMagick's limits belong to the process; the app sets them at start, and so does this test (same values).
        PhotoSetup.ApplyLimits(Defaults);
    }

    [Fact]
    public void Formats_AreKnownByContent_NotByName()
    {
        Assert.Equal(MagickFormat.Jpeg, PhotoCleaner.FormatOf(TestPhotos.Jpeg()));
        Assert.Equal(MagickFormat.Png, PhotoCleaner.FormatOf(TestPhotos.Make(MagickFormat.Png)));
        Assert.Equal(MagickFormat.WebP, PhotoCleaner.FormatOf(TestPhotos.Make(MagickFormat.WebP)));
        Assert.Equal(MagickFormat.Heic, PhotoCleaner.FormatOf(TestPhotos.Heic()));
        Assert.Null(PhotoCleaner.FormatOf("%PDF-1.7 not a photo"u8));
        Assert.Null(PhotoCleaner.FormatOf("<svg xmlns='http://www.w3.org/2000/svg'/>"u8));
        Assert.Null(PhotoCleaner.FormatOf(TestPhotos.Make(MagickFormat.Gif)));
        Assert.Null(PhotoCleaner.FormatOf([]));
        Assert.Equal(PhotoProblem.NotAPhoto, Assert.Throws<PhotoRefusedException>(() => PhotoCleaner.Clean("Ingen bild."u8.ToArray(), Defaults, default)).Problem);
    }

    [Theory]
    [InlineData(MagickFormat.Jpeg)]
    [InlineData(MagickFormat.Png)]
    [InlineData(MagickFormat.WebP)]
    [InlineData(MagickFormat.Heic)]
    public void AGoodPhoto_OfEachKind_BecomesAJpegWithoutAnyMetadata_AndAThumbnail(MagickFormat format)
    {
        var upload = format == MagickFormat.Heic ? TestPhotos.Heic() : TestPhotos.Make(format);
        using (var before = new MagickImage(upload))
            Assert.NotNull(before.GetExifProfile()); // the test photo really carries a position to lose

        var cleaned = PhotoCleaner.Clean(upload, Defaults, default);

        using var photo = TestPhotos.AssertClean(cleaned.Photo, $"the stored {format}");
        using var thumbnail = TestPhotos.AssertClean(cleaned.Thumbnail, $"the thumbnail of the {format}");
        Assert.Equal((64u, 48u), (photo.Width, photo.Height)); // small photos keep their size
        Assert.Equal((64u, 48u), (thumbnail.Width, thumbnail.Height));
        Assert.True(TestPhotos.IsMark(photo, 4, 2), "the picture itself survives");
        Assert.Equal(format.ToString().ToLowerInvariant().Replace("jpeg", "jpg"), cleaned.OriginalExtension);
    }

    [Fact]
    public void APhotoTakenSideways_IsTurnedUpright()
    {
        // EXIF orientation 6: the camera stored it lying down; shown, it is turned a quarter clockwise.
        var cleaned = PhotoCleaner.Clean(TestPhotos.Jpeg(orientation: Orientation.RightTop), Defaults, default);

        using var photo = new MagickImage(cleaned.Photo);
        Assert.Equal((48u, 64u), (photo.Width, photo.Height));
        Assert.True(TestPhotos.IsMark(photo, 45, 4), "the stored top-left corner is now top right");
        Assert.False(TestPhotos.IsMark(photo, 2, 60));
        Assert.Equal(Orientation.Undefined, photo.Orientation);
    }

    [Fact]
    public void TransparencyInAPng_BecomesWhite()
    {
        using var image = new MagickImage(MagickColors.Transparent, 40, 30);
        new Drawables().FillColor(MagickColors.Red).Rectangle(0, 0, 9, 9).Draw(image);

        var cleaned = PhotoCleaner.Clean(image.ToByteArray(MagickFormat.Png), Defaults, default);

        using var photo = new MagickImage(cleaned.Photo);
        var corner = photo.GetPixels().GetPixel(35, 25).ToColor()!;
        Assert.True(corner.R > 240 && corner.G > 240 && corner.B > 240, $"the transparent part is {corner}");
    }

    [Fact]
    public void ATwelveMegapixelPhoto_IsStoredAtMaxSide_WithAThumbnail()
    {
        using var source = new MagickImage("gradient:#1a1a40-#ffd23f", 4000, 3000);
        new Drawables().FillColor(MagickColors.White).Circle(2000, 1500, 2600, 1500).Draw(source);
        source.SetProfile(new MagickImage(TestPhotos.Jpeg()).GetExifProfile()!);
        source.Quality = 92;
        var upload = source.ToByteArray(MagickFormat.Jpeg);

        var clock = Stopwatch.StartNew();
        var cleaned = PhotoCleaner.Clean(upload, Defaults, default);
        clock.Stop();

        using var photo = TestPhotos.AssertClean(cleaned.Photo, "the 12-megapixel photo");
        using var thumbnail = TestPhotos.AssertClean(cleaned.Thumbnail, "its thumbnail");
        Assert.Equal((2560u, 1920u), (photo.Width, photo.Height));
        Assert.Equal((320u, 240u), (thumbnail.Width, thumbnail.Height));
        // Informational only: on a loaded machine the time says more about the load than about the photo.
        output.WriteLine($"12 MP JPEG of {upload.Length / 1024} kB cleaned in {clock.ElapsedMilliseconds} ms: photo {cleaned.Photo.Length / 1024} kB, thumbnail {cleaned.Thumbnail.Length / 1024} kB");
    }

    [Fact]
    public void ACancelledClean_StopsAtItsNextStep()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => PhotoCleaner.Clean(TestPhotos.Jpeg(), Defaults, cancelled.Token));
    }

    [Theory]
    [MemberData(nameof(Corpus))]
    public void HostileFiles_AreRefusedQuickly_OrCleaned(string name)
    {
        var file = HostileFiles.All().Single(f => f.Name == name);
        var clock = Stopwatch.StartNew();
        var problem = PhotoProblem.None;
        try
        {
            var cleaned = PhotoCleaner.Clean(file.Bytes, Defaults, default);
            TestPhotos.AssertClean(cleaned.Photo, name).Dispose();
            TestPhotos.AssertClean(cleaned.Thumbnail, name + ", thumbnail").Dispose();
        }
        catch (PhotoRefusedException refused)
        {
            problem = refused.Problem;
        }
        output.WriteLine($"{name} ({file.Bytes.Length} bytes): {problem} in {clock.Elapsed.TotalMilliseconds:0} ms");
        Assert.Equal(file.Expected, problem);
    }

    public static TheoryData<string> Corpus() => [.. HostileFiles.All().Select(f => f.Name)];
}
