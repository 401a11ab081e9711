using AngleSharp.Html.Parser;
using DialogPlanner.Web.Features.Invitations;

namespace DialogPlanner.Tests.Invitations;

/// <summary>What the invitee reads: their language, the event in Stockholm time, and their own answer links.</summary>
public sealed class InvitationMailTextTests
{
    [Theory]
    [InlineData(InvitationKind.Invitation, "sv", "Inbjudan: Trygghetsvandring i Centrum")]
    [InlineData(InvitationKind.Update, "sv", "Ändrad tid: Trygghetsvandring i Centrum")]
    [InlineData(InvitationKind.Cancellation, "sv", "Inställt: Trygghetsvandring i Centrum")]
    [InlineData(InvitationKind.Reminder, "sv", "Påminnelse: Trygghetsvandring i Centrum")]
    [InlineData(InvitationKind.Invitation, "en", "Invitation: Trygghetsvandring i Centrum")]
    [InlineData(InvitationKind.Update, "en", "Changed time: Trygghetsvandring i Centrum")]
    [InlineData(InvitationKind.Cancellation, "en", "Cancelled: Trygghetsvandring i Centrum")]
    [InlineData(InvitationKind.Reminder, "en", "Reminder: Trygghetsvandring i Centrum")]
    public void Subject_FollowsKindAndLanguage(InvitationKind kind, string language, string subject)
    {
        var request = Sample.Request(kind, language: language);
        if (kind == InvitationKind.Cancellation) request.Event.Status = Web.Features.Events.EventStatus.Cancelled;
        Assert.Equal(subject, Sample.Received(request).Subject);
    }

    [Theory]
    [InlineData(InvitationKind.Invitation)]
    [InlineData(InvitationKind.Update)]
    [InlineData(InvitationKind.Reminder)]
    public void BothBodies_HaveThePersonalAnswerLinks(InvitationKind kind)
    {
        var message = Sample.Received(Sample.Request(kind));
        var links = new[] { "accepted", "tentative", "declined" }.Select(a => $"https://dialog.example.se/rsvp/{Sample.Token}?answer={a}").ToList();
        var text = Sample.Body(message, "plain");
        Assert.All(links, link => Assert.Contains(link, text));
        var hrefs = new HtmlParser().ParseDocument(Sample.Body(message, "html")).QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")).ToList();
        Assert.All(links, link => Assert.Contains(link, hrefs));
        Assert.Contains(Sample.EventUrl, hrefs);
    }

    /// <summary>Walkers record findings through their own invitation's token: every walk mail carries that link and says what it is for.</summary>
    [Theory]
    [InlineData(InvitationKind.Invitation, "sv", "utan konto")]
    [InlineData(InvitationKind.Update, "sv", "utan konto")]
    [InlineData(InvitationKind.Reminder, "sv", "utan konto")]
    [InlineData(InvitationKind.Invitation, "en", "no account needed")]
    [InlineData(InvitationKind.Update, "en", "no account needed")]
    [InlineData(InvitationKind.Reminder, "en", "no account needed")]
    public void AWalk_CarriesThePersonalRecorderLink_InBothBodies(InvitationKind kind, string language, string explained)
    {
        var message = Sample.Received(Sample.Request(kind, language: language));
        const string recorder = $"https://dialog.example.se/w/{Sample.Token}";
        var text = Sample.Body(message, "plain");
        Assert.Contains(recorder, text);
        Assert.Contains(explained, text);
        var html = new HtmlParser().ParseDocument(Sample.Body(message, "html"));
        Assert.Contains(recorder, html.QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")));
        Assert.Contains(explained, html.Body!.TextContent);
    }

    [Theory]
    [InlineData(InvitationKind.Invitation)]
    [InlineData(InvitationKind.Reminder)]
    [InlineData(InvitationKind.Cancellation)]
    public void AMeeting_OrACancellation_HasNoRecorderLink(InvitationKind kind)
    {
        var ev = Sample.Walk();
        if (kind == InvitationKind.Cancellation) ev.Status = Web.Features.Events.EventStatus.Cancelled;
        else ev.Type = Web.Features.Events.EventType.DialogueMeeting;
        var message = Sample.Received(Sample.Request(kind, ev));
        Assert.DoesNotContain("/w/", Sample.Body(message, "plain"));
        Assert.DoesNotContain("/w/", Sample.Body(message, "html"));
    }

    /// <summary>The public promise page answers 404 until a promise is published: the sender gives its address only then.</summary>
    [Fact]
    public void ThePublicPage_IsLinkedOnlyWhenTheSenderGivesIt()
    {
        var without = Sample.Received(Sample.Request(InvitationKind.Invitation));
        Assert.DoesNotContain("medborgarlöfte", Sample.Body(without, "plain") + Sample.Body(without, "html"));
        var with = Sample.Received(Sample.Request(InvitationKind.Invitation) with { PublicUrl = "https://dialog.example.se/kommun/ljungby" });
        Assert.Contains("Kommunens medborgarlöfte: https://dialog.example.se/kommun/ljungby", Sample.Body(with, "plain"));
        Assert.Contains("https://dialog.example.se/kommun/ljungby",
            new HtmlParser().ParseDocument(Sample.Body(with, "html")).QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")));
    }

    /// <summary>Someone taken off the list no longer has a page of the event: their cancellation does not link to it.</summary>
    [Theory]
    [InlineData("sv", "Mer om")]
    [InlineData("en", "More about")]
    public void TheCancellation_ToSomeoneTakenOffTheList_HasNoLinkToTheirPage(string language, string more)
    {
        var request = Sample.Request(InvitationKind.Cancellation, language: language);
        request.Invitation.RemovedAtUtc = Sample.Now;
        var message = Sample.Received(request);
        var bodies = Sample.Body(message, "plain") + Sample.Body(message, "html");
        Assert.DoesNotContain(Sample.EventUrl, bodies);
        Assert.DoesNotContain(more, bodies);
        var kept = Sample.Received(Sample.Request(InvitationKind.Cancellation, language: language));
        Assert.Contains(Sample.EventUrl, Sample.Body(kept, "plain"));
    }

    [Fact]
    public void Swedish_IsWrittenInSwedish_WithSwedishDates()
    {
        var message = Sample.Received(Sample.Request(InvitationKind.Invitation, language: "sv"));
        var text = Sample.Body(message, "plain");
        Assert.Contains("Hej Åsa Ö, Testsson!", text);
        Assert.Contains("När: söndag 29 mars 2026 kl. 10:00–12:00", text);
        Assert.Contains("Vad: Trygghetsvandring", text);
        Assert.Contains("Var: Stortorget, Ljungby", text);
        Assert.Contains("Ta med ficklampa.", text);
        Assert.Contains("Ljungby kommun, trygghet", text);
        var html = new HtmlParser().ParseDocument(Sample.Body(message, "html"));
        Assert.Equal("sv", html.DocumentElement.GetAttribute("lang"));
        Assert.Equal(["Jag kommer", "Kanske", "Jag kommer inte", "Registrera iakttagelser på vandringen", "Mer om Trygghetsvandring i Centrum", "Så behandlas dina personuppgifter"], html.QuerySelectorAll("a").Select(a => a.TextContent));
    }

    [Fact]
    public void English_IsWrittenInEnglish_WithEnglishDatesAndTypeNames()
    {
        var message = Sample.Received(Sample.Request(InvitationKind.Invitation, language: "en"));
        var text = Sample.Body(message, "plain");
        Assert.Contains("Hello Åsa Ö, Testsson,", text);
        Assert.Contains("When: Sunday 29 March 2026, 10:00–12:00", text);
        Assert.Contains("What: Safety walk", text);
        Assert.DoesNotContain("söndag", text);
        var html = new HtmlParser().ParseDocument(Sample.Body(message, "html"));
        Assert.Equal("en", html.DocumentElement.GetAttribute("lang"));
        Assert.Equal(["I will come", "Maybe", "I will not come", "Record findings on the walk", "More about Trygghetsvandring i Centrum", "How your personal data is handled"], html.QuerySelectorAll("a").Select(a => a.TextContent));
    }

    [Fact]
    public void AnEventOverMidnight_ShowsBothDates()
    {
        var ev = Sample.Walk();
        (ev.StartsAtUtc, ev.EndsAtUtc) = (Infrastructure.TestData.Stockholm(2026, 10, 9, 22), Infrastructure.TestData.Stockholm(2026, 10, 10, 1));
        var text = Sample.Body(Sample.Received(Sample.Request(InvitationKind.Invitation, ev)), "plain");
        Assert.Contains("När: fredag 9 oktober 2026 kl. 22:00 – lördag 10 oktober 2026 kl. 01:00", text);
    }

    [Fact]
    public void Html_EncodesWhatOrganisersTyped()
    {
        var ev = Sample.Walk();
        ev.Title = "Möte <script>alert(1)</script> & fika";
        ev.Description = "Rad <b>ett</b>\nRad två";
        var message = Sample.Received(Sample.Request(InvitationKind.Invitation, ev));
        var html = Sample.Body(message, "html");
        Assert.DoesNotContain("<script>", html);
        Assert.DoesNotContain("<b>", html);
        Assert.Contains("Möte &lt;script&gt;alert(1)&lt;/script&gt; &amp; fika", html);
        var document = new HtmlParser().ParseDocument(html);
        Assert.Empty(document.QuerySelectorAll("script, b"));
        Assert.Contains(document.QuerySelectorAll("p"), p => p.InnerHtml == "Rad &lt;b&gt;ett&lt;/b&gt;<br>Rad två");
        // The plain text and the subject are not HTML and stay as typed.
        Assert.Contains("Möte <script>alert(1)</script> & fika", Sample.Body(message, "plain"));
        Assert.Equal("Inbjudan: Möte <script>alert(1)</script> & fika", message.Subject);
    }

    [Fact]
    public void Cancellation_SaysItIsOff_WithoutAnswerLinks()
    {
        var ev = Sample.Walk();
        ev.Status = Web.Features.Events.EventStatus.Cancelled;
        var message = Sample.Received(Sample.Request(InvitationKind.Cancellation, ev));
        var text = Sample.Body(message, "plain");
        Assert.Contains("Vi har ställt in Trygghetsvandring i Centrum (söndag 29 mars 2026 kl. 10:00–12:00).", text);
        Assert.DoesNotContain("/rsvp/", text);
        Assert.DoesNotContain("/rsvp/", Sample.Body(message, "html"));
    }
}
