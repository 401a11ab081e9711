using System.Net;
using System.Net.Http.Headers;
using System.Text;
using AngleSharp.Html.Dom;
using DialogPlanner.Tests.Infrastructure;
using DialogPlanner.Web.Features.Accounts;
using DialogPlanner.Web.Features.Contacts;
using Microsoft.EntityFrameworkCore;

namespace DialogPlanner.Tests.Contacts;

/// <summary>A CSV or vCard file of contacts goes into a group: a preview first, then one save; addresses already known are merged.</summary>
public sealed class ContactImportTests
{
    // As Excel saves "CSV (semikolonavgränsad)" on a Swedish Windows: semicolons, Latin-1, and the same person twice.
    private const string ExcelCsv = "Namn;E-post;Telefon\r\nPer Lund;per.lund@example.org;0372-123 45\r\nÅsa Öberg;ASA@example.org;\r\n" +
                                    "Bo Ek;inte-en-adress;\r\nÅsa Öberg;asa@example.org;\r\nGunnel Ström;gunnel@example.org;070-111 22 33\r\n";

    // Outlook (vCard 3: an escaped comma, a folded line, the preferred of two addresses) and Apple Contacts (vCard 4).
    private const string VCards = "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Lund;Per;;;\r\nFN:Lund\\, Per\r\nEMAIL;TYPE=INTERNET:per.privat@example.org\r\n" +
                                  "EMAIL;TYPE=INTERNET,PREF:per.lund@exa\r\n mple.org\r\nTEL;TYPE=WORK:0372-123 45\r\nEND:VCARD\r\n" +
                                  "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Åsa Öberg\r\nEMAIL:asa@example.org\r\nEND:VCARD\r\n" +
                                  "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Ingen Adress\r\nTEL:070-000 00 00\r\nEND:VCARD\r\n";

    [Theory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ExcelCsv_PreviewsNewKnownAndBadRows_ThenImportsIntoTheGroupOnce(string provider)
    {
        await using var app = await AppFactory.StartAsync(provider);
        var ljungby = await app.AddMunicipalityAsync("Ljungby");
        int groupId;
        await using (var db = app.CreateDbContext())
        {
            db.Contacts.Add(TestData.Contact(ljungby.Id, "Åsa Öberg (Ljungbybostäder)", "asa@example.org"));
            var group = new ContactGroup { MunicipalityId = ljungby.Id, Name = "Fastighetsägare" };
            db.ContactGroups.Add(group);
            await db.SaveChangesAsync();
            groupId = group.Id;
        }
        var organiser = await app.SignInAsync(await app.AddUserAsync("org@ljungby.example", Roles.Organiser, ljungby.Id), TestData.Password);

        var preview = await UploadAsync(organiser, groupId, Encoding.Latin1.GetBytes(ExcelCsv), "kontakter.csv");

        Assert.Equal(["2 nya kontakter läggs till.", "1 finns redan bland kommunens kontakter och läggs bara till i gruppen."],
            preview.QuerySelectorAll("ul.consequences li").Select(li => li.TextContent));
        Assert.Equal(["rad 4: ”inte-en-adress” är inte en e-postadress."], preview.QuerySelectorAll("ul.import-problems li").Select(li => li.TextContent));
        Assert.Equal(["Per Lund", "Åsa Öberg", "Gunnel Ström"], preview.QuerySelectorAll("table.import-preview tbody tr td:first-child").Select(td => td.TextContent));
        await using (var db = app.CreateDbContext()) Assert.Equal(1, await db.Contacts.CountAsync()); // nothing before confirming

        var confirmed = await organiser.PostAsync($"/contact-groups/{groupId}/import/confirm", new FormUrlEncodedContent(preview.FormFields("form.confirm")));

        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        await using (var db = app.CreateDbContext())
        {
            var group = await db.ContactGroups.Include(g => g.Contacts).SingleAsync(g => g.Id == groupId);
            Assert.Equal(["asa@example.org", "gunnel@example.org", "per.lund@example.org"], group.Contacts.Select(c => c.Email).Order());
            Assert.Equal(3, await db.Contacts.CountAsync());
            Assert.Equal("Åsa Öberg (Ljungbybostäder)", group.Contacts.Single(c => c.Email == "asa@example.org").Name); // merged, not overwritten
            Assert.Equal("070-111 22 33", group.Contacts.Single(c => c.Email == "gunnel@example.org").Phone);
        }
    }

    [Fact]
    public async Task VCards_FromOutlookAndApple_GiveNamesAndThePreferredAddress()
    {
        await using var app = await AppFactory.StartAsync("Sqlite");
        var ljungby = await app.AddMunicipalityAsync("Ljungby");
        int groupId;
        await using (var db = app.CreateDbContext())
        {
            var group = new ContactGroup { MunicipalityId = ljungby.Id, Name = "Grannsamverkan" };
            db.ContactGroups.Add(group);
            await db.SaveChangesAsync();
            groupId = group.Id;
        }
        var organiser = await app.SignInAsync(await app.AddUserAsync("org@ljungby.example", Roles.Organiser, ljungby.Id), TestData.Password);

        var preview = await UploadAsync(organiser, groupId, Encoding.UTF8.GetBytes(VCards), "kontakter.vcf");

        Assert.Equal(["Lund, Per|per.lund@example.org|0372-123 45", "Åsa Öberg|asa@example.org|"],
            preview.QuerySelectorAll("table.import-preview tbody tr").Select(tr => string.Join('|', tr.QuerySelectorAll("td").Take(3).Select(td => td.TextContent))));
        Assert.Equal(["kort 3: ingen e-postadress (Ingen Adress)."], preview.QuerySelectorAll("ul.import-problems li").Select(li => li.TextContent));
    }

    [Fact]
    public async Task GarbageAnEmptyFileAndAnotherMunicipalitysGroup_AreRefused_AndNothingIsSaved()
    {
        await using var app = await AppFactory.StartAsync("Sqlite");
        var ljungby = await app.AddMunicipalityAsync("Ljungby");
        var alvesta = await app.AddMunicipalityAsync("Alvesta");
        int groupId;
        await using (var db = app.CreateDbContext())
        {
            var group = new ContactGroup { MunicipalityId = ljungby.Id, Name = "Fastighetsägare" };
            db.ContactGroups.Add(group);
            await db.SaveChangesAsync();
            groupId = group.Id;
        }
        var organiser = await app.SignInAsync(await app.AddUserAsync("org@ljungby.example", Roles.Organiser, ljungby.Id), TestData.Password);
        var stranger = await app.SignInAsync(await app.AddUserAsync("org@alvesta.example", Roles.Organiser, alvesta.Id), TestData.Password);

        var garbage = await UploadAsync(organiser, groupId, [.. Enumerable.Range(0, 4096).Select(i => (byte)(i * 7919 % 256))], "bild.vcf");
        var vcardGarbage = await UploadAsync(organiser, groupId, Encoding.UTF8.GetBytes("BEGIN:VCARD\r\nFN;;;=:\r\n:::\r\nEND"), "trasig.vcf");
        var empty = await organiser.GetDocumentAsync($"/contact-groups/{groupId}/import");
        var noFile = await organiser.PostFormAsync($"/contact-groups/{groupId}/import", []);

        Assert.NotEmpty(garbage.QuerySelectorAll("ul.import-problems li"));
        Assert.Null(garbage.QuerySelector("form.confirm"));
        Assert.NotEmpty(vcardGarbage.QuerySelectorAll("ul.import-problems li"));
        Assert.NotNull(empty.QuerySelector("input[type=file]"));
        Assert.Contains("Välj en CSV- eller vCard-fil", (await noFile.ReadDocumentAsync()).QuerySelector("#file-error")!.TextContent);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/contact-groups/{groupId}/import")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostFormAsync($"/contact-groups/{groupId}/import/confirm",
            new() { ["content"] = Convert.ToBase64String(Encoding.UTF8.GetBytes("Namn;E-post\r\nX;x@example.org\r\n")) }, "/contact-groups")).StatusCode);
        await using var db2 = app.CreateDbContext();
        Assert.Equal(0, await db2.Contacts.CountAsync());
    }

    private static async Task<IHtmlDocument> UploadAsync(HttpClient client, int groupId, byte[] file, string name)
    {
        var form = await client.GetDocumentAsync($"/contact-groups/{groupId}/import");
        var token = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var content = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        var part = new ByteArrayContent(file);
        part.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        content.Add(part, "file", name);
        var response = await client.PostAsync($"/contact-groups/{groupId}/import", content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadDocumentAsync();
    }
}
