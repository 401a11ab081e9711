using DialogPlanner.Web.Features.Invitations;
using DialogPlanner.Web.Mail;

namespace DialogPlanner.Web.Features.Walks;

/// <summary>What the walk-feedback templates show; templates/email/README.md lists it for organisers.</summary>
public sealed record WalkFeedbackEmailModel(
    string Title,
    string Municipality,
    string When,
    string Location,
    string RecipientName,
    string ProtocolUrl,
    string PrivacyUrl,
    IReadOnlyList<WalkFeedbackEmailModel.Item> Items) : IEmailModel
{
    /// <summary>One finding as the protocol reports it, and whether this recipient reported it.</summary>
    public sealed record Item(int Number, string Category, string Description, string Place, string Action, string Status, string Result, bool ReportedByYou);

    /// <summary>The protocol in the recipient's language, with the status words of the task board.</summary>
    public static WalkFeedbackEmailModel Create(WalkProtocol protocol, Invitation invitation, string protocolUrl, string privacyUrl, MailLanguage t)
    {
        var walk = protocol.Walk;
        return new(
            Title: walk.Title,
            Municipality: walk.Municipality.Name,
            When: t.Day(StockholmTime.FromUtc(walk.StartsAtUtc)),
            Location: walk.Location,
            RecipientName: invitation.Name ?? invitation.Contact?.Name ?? "",
            ProtocolUrl: protocolUrl,
            PrivacyUrl: privacyUrl,
            Items: protocol.Items.Select((item, index) => new Item(
                Number: index + 1,
                Category: t[EnumTexts.Of(item.Finding.Category)].Value,
                Description: item.Finding.Description,
                Place: item.Finding.Place ?? "",
                Action: item.Task is { } task ? $"{task.Title} ({task.ResponsibleOrganisation.Name})" : "",
                Status: ProtocolCsv.StatusText(item, t),
                Result: item.Task?.Resolution ?? item.Finding.NoActionReason ?? "",
                ReportedByYou: item.Finding.ReportedByInvitationId == invitation.Id)).ToList());
    }
}
