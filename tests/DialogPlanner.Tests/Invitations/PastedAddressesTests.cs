using System.Diagnostics;
using System.Net;
using DialogPlanner.Tests.Infrastructure;
using DialogPlanner.Web.Features.Contacts;
using DialogPlanner.Web.Features.Events;
using DialogPlanner.Web.Features.Invitations;
using Microsoft.EntityFrameworkCore;

namespace DialogPlanner.Tests.Invitations;

/// <summary>Addresses as organisers paste them from Outlook, Exchange, Gmail and Apple Mail into the invitee box.</summary>
public sealed class PastedAddressesTests
{
    private const string Pasted = "\"Lund, Per\" <per.lund@example.org>; Åsa Öberg <asa@example.org>, bo@example.org";

    private static List<(string, string?)> Valid(string text) =>
        InviteeSelection.ParseFreeAddresses(text).Valid.Select(a => (a.Email, a.Name)).ToList();

    [Fact]
    public void AMixedList_GivesEachAddressWithItsName()
    {
        var parsed = InviteeSelection.ParseFreeAddresses(Pasted);
        Assert.Equal([("per.lund@example.org", "Lund, Per"), ("asa@example.org", "Åsa Öberg"), ("bo@example.org", null)], parsed.Valid.Select(a => (a.Email, a.Name)));
        Assert.Empty(parsed.Invalid);
    }

    [Theory]
    // Outlook and Exchange: semicolons, names "Last, First" quoted or not.
    [InlineData("Lund, Per <per.lund@example.org>; Ek, Eva <eva.ek@example.org>")]
    [InlineData("\"Lund, Per\" <per.lund@example.org>;\"Ek, Eva\" <eva.ek@example.org>;")]
    // Gmail and Apple Mail: commas, names quoted when they need it.
    [InlineData("\"Lund, Per\" <per.lund@example.org>, Ek Eva <eva.ek@example.org>")]
    // One per line, as from a spreadsheet column, with blank lines and Windows line ends.
    [InlineData("Lund, Per <per.lund@example.org>\r\n\r\nEk, Eva <eva.ek@example.org>\n")]
    public void WhatMailProgramsCopy_IsRead(string text)
    {
        var names = Valid(text);
        Assert.Equal(["per.lund@example.org", "eva.ek@example.org"], names.Select(n => n.Item1));
        Assert.Equal("Lund, Per", names[0].Item2);
    }

    [Fact]
    public void EncodedNamesAndGroups_AreRead()
    {
        Assert.Equal([("asa@example.org", "Åsa Öberg")], Valid("=?utf-8?q?=C3=85sa_=C3=96berg?= <asa@example.org>"));
        Assert.Equal([("a@example.org", null), ("b@example.org", null), ("c@example.org", null)], Valid("Styrelsen: a@example.org, b@example.org; c@example.org"));
        Assert.Equal([("lund@example.org", "Lund; Per")], Valid("\"Lund; Per\" <lund@example.org>;"));
    }

    [Theory]
    [InlineData("not-an-address", new[] { "not-an-address" })]
    [InlineData("ok@example.org, not-an-address; bo@example.org", new[] { "not-an-address" })]
    [InlineData("ok@example.se, inte en adress", new[] { "inte en adress" })]
    [InlineData("x, y; z\nok@example.org", new[] { "x", "y", "z" })]
    [InlineData("Per Ek per@ek.example, a@@example.org, ok@example.org", new[] { "Per Ek per@ek.example", "a@@example.org" })]
    [InlineData("Eva <eva@localhost>, ok@example.org", new[] { "\"Eva\" <eva@localhost>" })]
    [InlineData("undisclosed-recipients:;", new[] { "undisclosed-recipients:;" })]
    public void EntriesThatAreNotAddresses_AreReportedEachByItself(string text, string[] invalid)
    {
        var parsed = InviteeSelection.ParseFreeAddresses(text);
        Assert.Equal(invalid, parsed.Invalid);
        Assert.False(parsed.MoreInvalid);
    }

    [Fact]
    public void NothingButSeparators_IsNothing()
    {
        var parsed = InviteeSelection.ParseFreeAddresses(" ;,\n\n ; ");
        Assert.Equal((0, 0), (parsed.Valid.Count, parsed.Invalid.Count));
    }

    [Theory]
    [InlineData(";")]
    [InlineData("@,")]
    [InlineData("x,")]
    [InlineData("<a,")]
    [InlineData("a b c@, ")]
    [InlineData("a@example.org;")]
    [InlineData("a b\n")]
    [InlineData("\"q\n")]
    [InlineData("<a@example.org\n")]
    public void TheLongestHostileText_IsReadInBoundedTime_AndReportsAFewEntries(string unit)
    {
        var text = string.Concat(Enumerable.Repeat(unit, InviteeSelection.MaxLength / unit.Length));
        var watch = Stopwatch.StartNew();
        var parsed = InviteeSelection.ParseFreeAddresses(text);
        watch.Stop();
        Assert.True(parsed.Invalid.Count <= InviteeSelection.MaxInvalidShown);
        Assert.All(parsed.Invalid, entry => Assert.True(entry.Length <= 100));
        // Measured at well under half a second on a busy 2-core machine; the bound only catches runaway work.
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"{watch.Elapsed} for {unit}");
    }

    [Theory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task APastedList_AddsEachPersonWithTheirName(string provider)
    {
        await using var app = await AppFactory.StartAsync(provider);
        var (eventId, client) = await MeetingAsync(app);

        var response = await client.PostFormAsync($"/events/{eventId}/invitees", new() { ["Addresses"] = Pasted });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using var db = app.CreateDbContext();
        var invitees = await db.Invitations.Where(i => i.EventId == eventId).OrderBy(i => i.Email).Select(i => new { i.Email, i.Name, i.NormalizedEmail }).ToListAsync();
        Assert.Equal([("asa@example.org", "Åsa Öberg"), ("bo@example.org", null), ("per.lund@example.org", "Lund, Per")], invitees.Select(i => (i.Email, i.Name)));
        Assert.All(invitees, i => Assert.Equal(i.Email, i.NormalizedEmail));
    }

    [Theory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AnEntryThatIsNotAnAddress_IsReportedAlone_AndNobodyIsAdded(string provider)
    {
        await using var app = await AppFactory.StartAsync(provider);
        var (eventId, client) = await MeetingAsync(app);
        var text = Pasted + ";\nnot-an-address, eva@example.org";

        var response = await client.PostFormAsync($"/events/{eventId}/invitees", new() { ["Addresses"] = text });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        var reported = page.QuerySelectorAll("#Addresses-error li").Select(li => li.TextContent.Trim()).ToList();
        Assert.Equal(["Inte en e-postadress: not-an-address"], reported);
        Assert.Contains("Ingen har lagts till", page.QuerySelector("#Addresses-error")!.TextContent);
        Assert.Equal("true", page.QuerySelector("#Addresses")!.GetAttribute("aria-invalid"));
        // What was pasted stays in the box, to be fixed there.
        Assert.Equal(text, page.QuerySelector("#Addresses")!.TextContent.ReplaceLineEndings("\n").TrimStart('\n'));
        await using var db = app.CreateDbContext();
        Assert.Equal(0, await db.Invitations.CountAsync());
    }

    [Theory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task APastedAddressOfASavedContact_IsInvitedAsThatContact_WhateverItsCase(string provider)
    {
        await using var app = await AppFactory.StartAsync(provider);
        var (eventId, client) = await MeetingAsync(app);
        int maria;
        await using (var db = app.CreateDbContext())
        {
            var municipalityId = (await db.Events.SingleAsync(e => e.Id == eventId)).MunicipalityId;
            var contact = new Contact { MunicipalityId = municipalityId, Name = "Maria Bergström", Email = "maria@bostader.example", Language = "en" };
            db.Contacts.Add(contact);
            await db.SaveChangesAsync();
            maria = contact.Id;
        }

        await client.PostFormAsync($"/events/{eventId}/invitees", new() { ["Addresses"] = "M. B. <Maria@Bostader.EXAMPLE>" });

        await using var check = app.CreateDbContext();
        var invitation = await check.Invitations.SingleAsync(i => i.EventId == eventId);
        Assert.Equal((maria, "Maria Bergström", "en"), (invitation.ContactId!.Value, invitation.Name, invitation.Language));
    }

    [Fact]
    public async Task TooLongAText_IsRefused_WithoutReadingIt()
    {
        await using var app = await AppFactory.StartAsync("Sqlite");
        var (eventId, client) = await MeetingAsync(app);

        var response = await client.PostFormAsync($"/events/{eventId}/invitees", new() { ["Addresses"] = new string('a', InviteeSelection.MaxLength + 1) });

        var errors = (await response.ReadDocumentAsync()).QuerySelectorAll("#Addresses-error li").Select(li => li.TextContent).ToList();
        Assert.Contains("50000", Assert.Single(errors).Replace(" ", "").Replace("\u00a0", ""));
        await using var db = app.CreateDbContext();
        Assert.Equal(0, await db.Invitations.CountAsync());
    }

    private static async Task<(int EventId, HttpClient Client)> MeetingAsync(AppFactory app)
    {
        var ljungby = await app.AddMunicipalityAsync("Ljungby");
        await using var db = app.CreateDbContext();
        var e = TestData.Event(ljungby.Id, startsAtUtc: DateTime.UtcNow.AddDays(30), status: EventStatus.Draft);
        db.Events.Add(e);
        await db.SaveChangesAsync();
        return (e.Id, await app.SignInAsync(AppFactory.AdminEmail, AppFactory.AdminPassword));
    }
}
