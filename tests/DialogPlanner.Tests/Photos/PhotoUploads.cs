using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using DialogPlanner.Tests.Infrastructure;
using DialogPlanner.Web.Features.Accounts;
using DialogPlanner.Web.Features.Events;
using DialogPlanner.Web.Features.Invitations;
using DialogPlanner.Web.Features.Photos;
using DialogPlanner.Web.Features.Tasks;
using DialogPlanner.Web.Features.Walks;

namespace DialogPlanner.Tests.Photos;

/// <summary>
/// The two upload forms as their users post them: the phone's recorder (personal walk link, answered in JSON
/// for the offline queue) and a task owner's page with the photo after the work (a plain form).
/// </summary>
public sealed class PhotoUploads
{
    public const string TaskOwner = "gata@ljungby.example";

    public required string Token { get; init; }
    public required int WalkId { get; init; }
    public required int TaskId { get; init; }
    public required HttpClient Phone { get; init; }
    public required HttpClient Owner { get; init; }
    public required HttpClient Organiser { get; init; }

    /// <summary>What each refusal says, in Swedish, as the person uploading reads it.</summary>
    public static readonly Dictionary<PhotoProblem, string> Messages = new()
    {
        [PhotoProblem.TooLarge] = "Fotot är för stort (högst 10 MB).",
        [PhotoProblem.NotAPhoto] = "Filen är inte ett foto. Använd JPEG, PNG, HEIC eller WebP.",
        [PhotoProblem.TooManyPixels] = "Fotot har för många bildpunkter (högst 50 megapixel).",
        [PhotoProblem.Unreadable] = "Fotot kunde inte läsas. Filen är skadad eller inte en bild i JPEG, PNG, HEIC eller WebP.",
        [PhotoProblem.TooSlow] = "Fotot tog för lång tid att behandla. Försök med en mindre bild.",
    };

    /// <summary>A walk going on now with one invitee's link, and a task of the street department with its task owner signed in.</summary>
    public static async Task<PhotoUploads> SeedAsync(AppFactory app)
    {
        var (municipalityId, walkId, token) = await AddWalkAsync(app);
        var street = await app.AddOrganisationAsync(municipalityId, "Gatuavdelningen");
        var task = new FollowUpTask { MunicipalityId = municipalityId, Title = "Byt lampa", ResponsibleOrganisationId = street.Id, DueDate = new DateOnly(2099, 1, 1), Status = FollowUpStatus.Assigned };
        await using (var db = app.CreateDbContext())
        {
            db.Add(task);
            await db.SaveChangesAsync();
        }
        await app.AddUserAsync(TaskOwner, Roles.TaskOwner, organisationId: street.Id);
        return new PhotoUploads
        {
            Token = token, WalkId = walkId, TaskId = task.Id, Phone = app.CreateBrowser(),
            Owner = await app.SignInAsync(TaskOwner, TestData.Password),
            Organiser = await app.SignInAsync(AppFactory.AdminEmail, AppFactory.AdminPassword),
        };
    }

    /// <summary>A walk in Ljungby going on now, with one invitee and so one recorder link.</summary>
    public static async Task<(int MunicipalityId, int WalkId, string Token)> AddWalkAsync(AppFactory app)
    {
        var ljungby = await app.AddMunicipalityAsync("Ljungby");
        var invitation = new Invitation { Email = "anna@example.test", Name = "Anna" };
        var walk = TestData.Walk(ljungby.Id, invitations: [invitation]);
        await using var db = app.CreateDbContext();
        db.Add(walk);
        await db.SaveChangesAsync();
        return (ljungby.Id, walk.Id, invitation.Token);
    }

    public sealed record Answer(HttpResponseMessage Response, TimeSpan Took);

    /// <summary>Posts a finding with the photo as the phone's queue does; the HTTP call itself is given <paramref name="deadline"/>.</summary>
    public async Task<Answer> RecordAsync(byte[] photo, string fileName, TimeSpan deadline)
    {
        var page = await Phone.GetDocumentAsync($"/w/{Token}");
        var content = new MultipartFormDataContent
        {
            { new StringContent(Guid.NewGuid().ToString()), "ClientId" }, { new StringContent("Lighting"), "Category" },
            { new StringContent("Trasig lampa"), "Description" }, { new StringContent("Gångtunneln"), "Place" },
            { PhotoPart(photo, fileName), "Photo", fileName },
        };
        var request = new HttpRequestMessage(HttpMethod.Post, $"/w/{Token}/findings") { Content = content };
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.Add("RequestVerificationToken", page.QuerySelector("form.finding-form input[name=__RequestVerificationToken]")!.GetAttribute("value"));
        return await SendAsync(Phone, request, deadline);
    }

    /// <summary>The task owner marks the task in progress with the photo, through the task page's form.</summary>
    public async Task<Answer> AfterPhotoAsync(byte[] photo, string fileName, TimeSpan deadline)
    {
        var page = await Owner.GetDocumentAsync($"/tasks/{TaskId}");
        var content = new MultipartFormDataContent();
        foreach (var (name, value) in page.FormFields("form.form").With("Status", nameof(FollowUpStatus.InProgress)).With("Note", "Ny armatur"))
            content.Add(new StringContent(value), name);
        content.Add(PhotoPart(photo, fileName), "AfterPhoto", fileName);
        return await SendAsync(Owner, new HttpRequestMessage(HttpMethod.Post, $"/tasks/{TaskId}") { Content = content }, deadline);
    }

    /// <summary>The refusal the recorder answered (400 with the photo's error for the queue to show), or null.</summary>
    public static async Task<string?> RecorderRefusalAsync(HttpResponseMessage response)
    {
        if (response.StatusCode != System.Net.HttpStatusCode.BadRequest) return null;
        var errors = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        return errors.GetProperty("Photo").GetString();
    }

    public static async Task<int> CreatedFindingAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt32();

    private static ByteArrayContent PhotoPart(byte[] photo, string fileName)
    {
        var part = new ByteArrayContent(photo);
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        part.Headers.ContentType = new MediaTypeHeaderValue(extension switch
        {
            ".png" => "image/png",
            ".webp" => "image/webp",
            ".heic" => "image/heic",
            _ => "image/jpeg",
        });
        return part;
    }

    private static async Task<Answer> SendAsync(HttpClient client, HttpRequestMessage request, TimeSpan deadline)
    {
        using var limit = new CancellationTokenSource(deadline);
        var clock = Stopwatch.StartNew();
        try
        {
            var response = await client.SendAsync(request, limit.Token);
            await response.Content.LoadIntoBufferAsync(limit.Token);
            return new Answer(response, clock.Elapsed);
        }
        catch (OperationCanceledException) when (limit.IsCancellationRequested)
        {
            throw new TimeoutException($"{request.Method} {request.RequestUri} did not answer within {deadline.TotalSeconds} s.");
        }
    }
}
