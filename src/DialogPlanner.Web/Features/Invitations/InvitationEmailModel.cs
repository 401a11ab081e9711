using System.Globalization;
using System.Resources;
using DialogPlanner.Web.Features.Events;

namespace DialogPlanner.Web.Features.Invitations;

/// <summary>The variables the e-mail templates see; templates/email/README.md lists them for organisers.</summary>
public static class InvitationEmailModel
{
    private static readonly CultureInfo Swedish = CultureInfo.GetCultureInfo("sv-SE");
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");
    // The English names of the event types are the UI's translations; one place to change them.
    private static readonly ResourceManager Translations = new("DialogPlanner.Web.Resources.SharedResource", typeof(SharedResource).Assembly);

    public static Dictionary<string, object?> Create(InvitationMailRequest request)
    {
        var (ev, invitation) = (request.Event, request.Invitation);
        var english = EmailTemplates.IsEnglish(invitation.Language);
        var culture = english ? English : Swedish;
        var start = StockholmTime.FromUtc(ev.StartsAtUtc);
        var end = StockholmTime.FromUtc(ev.EndsAtUtc);
        var rsvp = $"{request.BaseUrl.TrimEnd('/')}/rsvp/{Uri.EscapeDataString(invitation.Token)}?answer=";
        var description = ev.Description?.ReplaceLineEndings("\n").Trim() ?? "";
        return new()
        {
            ["title"] = ev.Title,
            ["event_type"] = TypeName(ev.Type, english),
            ["starts"] = DateAndTime(start, culture),
            ["ends"] = DateAndTime(end, culture),
            ["when"] = start.Date == end.Date
                ? $"{DateAndTime(start, culture)}–{end.ToString("HH:mm", culture)}"
                : $"{DateAndTime(start, culture)} – {DateAndTime(end, culture)}",
            ["location"] = ev.Location,
            ["description"] = description,
            ["description_lines"] = description.Length == 0 ? Array.Empty<string>() : description.Split('\n'),
            ["organizer_name"] = string.IsNullOrWhiteSpace(request.Organizer.Name) ? request.Organizer.Email : request.Organizer.Name,
            ["organizer_email"] = request.Organizer.Email,
            ["invitee_name"] = invitation.Name ?? "",
            ["event_url"] = request.EventUrl,
            ["accept_url"] = rsvp + "accepted",
            ["tentative_url"] = rsvp + "tentative",
            ["decline_url"] = rsvp + "declined",
        };
    }

    private static string DateAndTime(DateTime time, CultureInfo culture) =>
        culture == Swedish
            ? time.ToString("dddd d MMMM yyyy 'kl.' HH:mm", culture)
            : time.ToString("dddd d MMMM yyyy, HH:mm", culture);

    private static string TypeName(EventType type, bool english)
    {
        var swedish = EnumTexts.Of(type);
        return english ? Translations.GetString(swedish, English) ?? swedish : swedish;
    }
}
