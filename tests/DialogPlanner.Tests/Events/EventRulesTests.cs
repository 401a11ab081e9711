using DialogPlanner.Web.Features.Contacts;
using DialogPlanner.Web.Features.Events;
using DialogPlanner.Web.Features.Invitations;

namespace DialogPlanner.Tests.Events;

/// <summary>The event's own rules, without the app: when it takes answers and changes of its list, and how people are put on it.</summary>
public sealed class EventRulesTests
{
    private static Event Meeting(EventStatus status = EventStatus.Scheduled) => new() { Title = "Dialogmöte", Location = "Biblioteket", Status = status };

    [Theory]
    [InlineData(EventStatus.Draft, true)]
    [InlineData(EventStatus.Scheduled, true)]
    [InlineData(EventStatus.Held, false)]
    [InlineData(EventStatus.Cancelled, false)]
    public void OnlyADraftOrPlannedEvent_TakesAnswers_AndChangesItsInvitees(EventStatus status, bool open)
    {
        var e = Meeting(status);
        Assert.Equal((open, open, open), (e.IsOpen, e.TakesAnswers, e.InviteesCanChange));
    }

    [Fact]
    public void Invite_PutsEachAddressOnTheListOnce_WhateverItsCase()
    {
        var e = Meeting();

        Assert.True(e.Invite(" Karin.Aberg@Posten.example ", "Karin Åberg", null));
        Assert.False(e.Invite("karin.aberg@posten.example", "Någon annan", null));

        var karin = Assert.Single(e.Invitations);
        Assert.Equal(("Karin.Aberg@Posten.example", "karin.aberg@posten.example", "Karin Åberg"), (karin.Email, karin.NormalizedEmail, karin.Name));
        Assert.Equal("sv", karin.Language);
    }

    [Fact]
    public void Invite_AContact_TakesTheContactsLanguage()
    {
        var e = Meeting(EventStatus.Draft);
        var maria = new Contact { Name = "Maria Bergström", Email = "maria@bostader.example", Language = "en" };

        Assert.True(e.Invite(maria.Email, maria.Name, maria));

        var invitation = Assert.Single(e.Invitations);
        Assert.Equal((maria, "en"), (invitation.Contact, invitation.Language));
    }

    [Fact]
    public void Invite_SomeoneTakenOffTheList_PutsThemBack_WithoutASecondInvitation()
    {
        var e = Meeting();
        e.Invite("per@ek.example", "Per Ek", null);
        e.Invitations[0].RemovedAtUtc = DateTime.UtcNow;

        Assert.True(e.Invite("PER@ek.example", null, null));

        var per = Assert.Single(e.Invitations);
        Assert.Null(per.RemovedAtUtc);
        Assert.Equal(("per@ek.example", "Per Ek"), (per.Email, per.Name));
    }

    [Theory]
    [InlineData(EventStatus.Held)]
    [InlineData(EventStatus.Cancelled)]
    public void Invite_ToAnEventThatIsOver_IsRefused(EventStatus status)
    {
        var e = Meeting(status);
        Assert.Throws<InvalidOperationException>(() => e.Invite("sen@posten.example", null, null));
        Assert.Empty(e.Invitations);
    }

    [Fact]
    public void TheNormalisedAddress_FollowsTheAddress()
    {
        var invitation = new Invitation { Email = "Anna@Ljungby.SE" };
        var contact = new Contact { Name = "Anna", Email = " Anna@Ljungby.SE" };
        Assert.Equal(("anna@ljungby.se", "anna@ljungby.se"), (invitation.NormalizedEmail, contact.NormalizedEmail));

        invitation.Email = "Bo@Ljungby.se";
        contact.Email = "Bo@Ljungby.se";
        Assert.Equal(("bo@ljungby.se", "bo@ljungby.se"), (invitation.NormalizedEmail, contact.NormalizedEmail));
    }
}
