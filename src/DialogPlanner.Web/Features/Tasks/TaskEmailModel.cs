using DialogPlanner.Web.Features.Events;
using DialogPlanner.Web.Mail;

namespace DialogPlanner.Web.Features.Tasks;

/// <summary>What the task-assigned and task-overdue templates show; templates/email/README.md lists it for organisers.</summary>
public sealed record TaskEmailModel(
    string Title,
    IReadOnlyList<string> DescriptionLines,
    string Organisation,
    string Municipality,
    string DueDate,
    string Priority,
    string Status,
    string TaskUrl,
    string PrivacyUrl,
    string RecipientName,
    IReadOnlyList<string> Walks,
    IReadOnlyList<TaskEmailModel.FindingLine> Findings) : IEmailModel
{
    /// <summary>One finding the task is about; who reported it is left out on purpose.</summary>
    public sealed record FindingLine(string Category, string Description, string Place);

    /// <summary>The values in the recipient's language, in the words of the task board.</summary>
    /// <param name="task">With its findings loaded.</param>
    /// <param name="walks">The walks the findings were made on, in date order.</param>
    public static TaskEmailModel Create(
        FollowUpTask task, string organisation, string municipality, IEnumerable<Event> walks, string? recipientName, string taskUrl, string privacyUrl, MailLanguage t) => new(
        Title: task.Title,
        DescriptionLines: string.IsNullOrWhiteSpace(task.Description) ? [] : task.Description.ReplaceLineEndings("\n").Trim().Split('\n'),
        Organisation: organisation,
        Municipality: municipality,
        DueDate: t.Date(task.DueDate),
        Priority: t[EnumTexts.Of(task.Priority)].Value,
        Status: t[EnumTexts.Of(task.Status)].Value,
        TaskUrl: taskUrl,
        PrivacyUrl: privacyUrl,
        RecipientName: recipientName ?? "",
        Walks: walks.Select(w => $"{w.Title}, {t.Date(StockholmTime.FromUtc(w.StartsAtUtc))}").ToList(),
        Findings: task.Findings.OrderBy(f => f.Id).Select(f => new FindingLine(t[EnumTexts.Of(f.Category)].Value, f.Description, f.Place ?? "")).ToList());
}
