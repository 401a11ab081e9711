using System.Net;
using DialogPlanner.Tests.Infrastructure;
using DialogPlanner.Web.Features.Audit;
using DialogPlanner.Web.Features.Walks;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace DialogPlanner.Tests.Walks;

/// <summary>Moderation before publication: nothing a participant wrote is public or in feedback mail until an organiser approved it.</summary>
public sealed class ModerationTests
{
    private static bool IsFeedback(MimeMessage m) => m.Subject is { } s && (s.StartsWith("Återkoppling:") || s.StartsWith("Feedback:"));

    private static string PublicProtocol(WalkMailWorld w) => $"/kommun/ljungby/vandringar/{w.WalkId}";

    [Theory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task UnreviewedFinding_IsAbsentFromThePublicProtocolAndTheFeedbackMail_AReviewedOneIsThereWithTheEditedText(string provider)
    {
        await using var w = await WalkMailWorld.StartAsync(provider, reviewed: false);
        var anonymous = w.App.CreateBrowser();
        var before = (await anonymous.GetDocumentAsync(PublicProtocol(w))).Body!.TextContent;
        Assert.DoesNotContain("Trasig lampa", before);
        Assert.DoesNotContain("Klotter på muren", before);

        // The organiser sees all three waiting, corrects the lamp's words and approves it in the same step.
        var organiser = await w.OrganiserAsync();
        var walkPage = await organiser.GetDocumentAsync($"/walks/{w.WalkId}");
        Assert.Equal(3, walkPage.QuerySelectorAll("#approve-shown input[name=findingIds]").Length);
        var protocolPage = await organiser.GetDocumentAsync($"/walks/{w.WalkId}/protocol");
        Assert.Contains("3 iakttagelser väntar på granskning", protocolPage.QuerySelector("#unreviewed")!.TextContent);
        var edit = await organiser.GetDocumentAsync($"/walks/{w.WalkId}/findings/{w.Findings[0]}/edit");
        var saved = await organiser.PostAsync($"/walks/{w.WalkId}/findings/{w.Findings[0]}/edit", new FormUrlEncodedContent(
            edit.FormFields("form.form").With("Description", "Trasig gatlampa i gångtunneln").With("Place", "Gångtunneln vid skolan").With("Approve", "true")));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var after = (await anonymous.GetDocumentAsync(PublicProtocol(w))).Body!.TextContent;
        Assert.Contains("Trasig gatlampa i gångtunneln", after);
        Assert.Contains("Gångtunneln vid skolan", after);
        Assert.DoesNotContain("Skräp vid bänken", after);
        Assert.DoesNotContain("Klotter på muren", after);

        // Feedback sent now carries the approved finding as edited, and nothing of those still waiting.
        var send = await organiser.PostFormAsync($"/walks/{w.WalkId}/feedback/send", [], $"/walks/{w.WalkId}");
        Assert.Equal(HttpStatusCode.Redirect, send.StatusCode);
        var received = await Eventually.UntilAsync(() => Task.FromResult(w.Smtp.Received.Where(IsFeedback).ToList()), r => r.Count >= 2, "feedback mails");
        var karin = received.Single(m => WalkMailWorld.Recipient(m) == WalkMailWorld.ReporterEmail);
        Assert.Contains("Trasig gatlampa i gångtunneln", karin.TextBody);
        Assert.Contains("Trasig gatlampa i gångtunneln", karin.HtmlBody);
        foreach (var m in received)
        {
            Assert.DoesNotContain("Skräp vid bänken", m.TextBody + m.HtmlBody);
            Assert.DoesNotContain("Klotter på muren", m.TextBody + m.HtmlBody);
        }
        // The reporter of a finding still waiting is no longer invited, and not told about findings she cannot see.
        Assert.DoesNotContain(received, m => WalkMailWorld.Recipient(m) == "rapportor@posten.example");

        await using var db = w.App.CreateDbContext();
        var lamp = await db.Findings.SingleAsync(f => f.Id == w.Findings[0]);
        Assert.NotNull(lamp.ReviewedAtUtc);
        Assert.NotNull(lamp.ReviewedByUserId);
        Assert.Contains(await db.Set<AuditEntry>().Where(a => a.Entity == "Finding" && a.EntityId == $"{lamp.Id}").ToListAsync(),
            a => a.Action == AuditAction.Approved && a.UserId == lamp.ReviewedByUserId);
    }

    [Theory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ApproveAllReviewed_ApprovesOnlyWhatWasOnThePage_AndRemovingKeepsTheFindingAsHistory(string provider)
    {
        await using var w = await WalkMailWorld.StartAsync(provider, reviewed: false);
        var organiser = await w.OrganiserAsync();
        var page = await organiser.GetDocumentAsync($"/walks/{w.WalkId}");
        var fields = page.FormFields("#approve-shown");

        // A finding that arrives after the page was loaded has not been read: the bulk approval leaves it waiting.
        int late;
        await using (var db = w.App.CreateDbContext())
        {
            var finding = TestData.Finding(w.WalkId, FindingCategory.Other, "Kom in sent", "Torget", reviewed: false);
            db.Findings.Add(finding);
            await db.SaveChangesAsync();
            late = finding.Id;
        }
        var removed = await organiser.PostFormAsync($"/walks/{w.WalkId}/findings/{w.Findings[2]}/remove", [], $"/walks/{w.WalkId}");
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await organiser.PostAsync($"/walks/{w.WalkId}/findings/approve", new FormUrlEncodedContent(fields))).StatusCode);

        await using (var db = w.App.CreateDbContext())
        {
            var findings = await db.Findings.Where(f => f.EventId == w.WalkId).ToDictionaryAsync(f => f.Id);
            Assert.NotNull(findings[w.Findings[0]].ReviewedAtUtc);
            Assert.NotNull(findings[w.Findings[1]].ReviewedAtUtc);
            Assert.Null(findings[late].ReviewedAtUtc);
            // Removed before the bulk approval reached it: stays removed and unapproved, with who and when.
            var wall = findings[w.Findings[2]];
            Assert.Null(wall.ReviewedAtUtc);
            Assert.NotNull(wall.RemovedAtUtc);
            Assert.NotNull(wall.RemovedByUserId);
            Assert.Contains(await db.Set<AuditEntry>().Where(a => a.Entity == "Finding" && a.EntityId == $"{wall.Id}").ToListAsync(),
                a => a.Action == AuditAction.Deleted && a.UserId == wall.RemovedByUserId);
        }
        var after = await organiser.GetDocumentAsync($"/walks/{w.WalkId}");
        Assert.Null(after.QuerySelector($"#finding-{w.Findings[2]}"));
        Assert.Contains("org@ljungby.example", after.QuerySelector("#removed-findings")!.TextContent);
        Assert.Equal([$"{late}"], after.QuerySelectorAll("#approve-shown input[name=findingIds]").Select(i => i.GetAttribute("value")));
        var published = (await w.App.CreateBrowser().GetDocumentAsync(PublicProtocol(w))).Body!.TextContent;
        Assert.Contains("Skräp vid bänken", published);
        Assert.DoesNotContain("Klotter på muren", published);
        Assert.DoesNotContain("Kom in sent", published);
        // A removed finding cannot be edited or approved any more.
        Assert.Equal(HttpStatusCode.NotFound, (await organiser.GetAsync($"/walks/{w.WalkId}/findings/{w.Findings[2]}/edit")).StatusCode);
    }

    [Fact]
    public async Task ABadEdit_ChangesNothing_AndSaysWhy()
    {
        await using var w = await WalkMailWorld.StartAsync("Sqlite", reviewed: false);
        var organiser = await w.OrganiserAsync();
        var edit = await organiser.GetDocumentAsync($"/walks/{w.WalkId}/findings/{w.Findings[0]}/edit");
        var response = await organiser.PostAsync($"/walks/{w.WalkId}/findings/{w.Findings[0]}/edit", new FormUrlEncodedContent(
            edit.FormFields("form.form").With("Description", " ").With("Approve", "true")));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(string.IsNullOrWhiteSpace((await response.ReadDocumentAsync()).QuerySelector("#Description-error")!.TextContent));
        await using var db = w.App.CreateDbContext();
        var lamp = await db.Findings.SingleAsync(f => f.Id == w.Findings[0]);
        Assert.Equal(("Trasig lampa", (DateTime?)null), (lamp.Description, lamp.ReviewedAtUtc));
    }

    [Fact]
    public async Task AnOrganiserOfAnotherMunicipality_CannotReviewTheWalk()
    {
        await using var w = await WalkMailWorld.StartAsync("Sqlite", reviewed: false);
        var alvesta = await w.App.AddMunicipalityAsync("Alvesta");
        await w.App.AddUserAsync("org@alvesta.example", Web.Features.Accounts.Roles.Organiser, alvesta.Id);
        var other = await w.App.SignInAsync("org@alvesta.example", TestData.Password);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/walks/{w.WalkId}/findings/{w.Findings[0]}/edit")).StatusCode);
        var otherToken = (await other.GetDocumentAsync("/calendar")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var approve = await other.PostAsync($"/walks/{w.WalkId}/findings/{w.Findings[0]}/approve",
            new FormUrlEncodedContent([new("__RequestVerificationToken", otherToken)]));
        Assert.Equal(HttpStatusCode.NotFound, approve.StatusCode);
        await using var db = w.App.CreateDbContext();
        Assert.Null((await db.Findings.SingleAsync(f => f.Id == w.Findings[0])).ReviewedAtUtc);
    }

    [Theory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AHiddenPhoto_IsServedToOrganisersOnly(string provider)
    {
        await using var w = await WalkMailWorld.StartAsync(provider, reviewed: false);
        string token;
        await using (var db = w.App.CreateDbContext())
            token = (await db.Invitations.SingleAsync(i => i.Id == w.Invitations[WalkMailWorld.ReporterEmail])).Token;
        var phone = w.App.CreateBrowser();
        var recorder = await phone.GetDocumentAsync($"/w/{token}");
        var photo = new ByteArrayContent(Photos.TestPhotos.Jpeg());
        photo.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("image/jpeg");
        var content = new MultipartFormDataContent
        {
            { new StringContent(Guid.NewGuid().ToString()), "ClientId" }, { new StringContent("Vandalism"), "Category" },
            { new StringContent("Krossad ruta"), "Description" }, { new StringContent("Busshållplatsen"), "Place" },
            { new StringContent(recorder.QuerySelector("form.finding-form input[name=__RequestVerificationToken]")!.GetAttribute("value")!), "__RequestVerificationToken" },
            { photo, "Photo", "ruta.jpg" },
        };
        var request = new HttpRequestMessage(HttpMethod.Post, $"/w/{token}/findings") { Content = content };
        request.Headers.Accept.ParseAdd("application/json");
        Assert.Equal(HttpStatusCode.Created, (await phone.SendAsync(request)).StatusCode);
        int id;
        await using (var db = w.App.CreateDbContext()) id = (await db.Findings.SingleAsync(f => f.Description == "Krossad ruta")).Id;

        var organiser = await w.OrganiserAsync();
        var edit = await organiser.GetDocumentAsync($"/walks/{w.WalkId}/findings/{id}/edit");
        await organiser.PostAsync($"/walks/{w.WalkId}/findings/{id}/edit", new FormUrlEncodedContent(edit.FormFields("form.form").With("HidePhoto", "true").With("Approve", "true")));

        var published = await w.App.CreateBrowser().GetDocumentAsync(PublicProtocol(w));
        Assert.Contains("Krossad ruta", published.QuerySelector($"#protocol-{id}")!.TextContent);
        Assert.Null(published.QuerySelector($"#protocol-{id} img"));
        Assert.Equal(HttpStatusCode.NotFound, (await w.App.CreateBrowser().GetAsync($"{PublicProtocol(w)}/photos/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await phone.GetAsync($"/w/{token}/findings/{id}/photo")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await organiser.GetAsync($"/walks/{w.WalkId}/findings/{id}/photo")).StatusCode);
    }
}
