using FluentValidation;
using Microsoft.Extensions.Localization;

namespace DialogPlanner.Web.Features.Tasks;

/// <summary>Turning one or several findings of a walk into one follow-up task.</summary>
public sealed class NewTaskForm
{
    public List<int> FindingIds { get; set; } = [];
    public string? Title { get; set; }
    public string? Description { get; set; }
    public int? OrganisationId { get; set; }
    public string? AssignedPerson { get; set; }
    public DateOnly? DueDate { get; set; }
    public TaskPriority Priority { get; set; } = TaskPriority.Normal;
}

public sealed class NewTaskFormValidator : AbstractValidator<NewTaskForm>
{
    public NewTaskFormValidator(IStringLocalizer<SharedResource> t, TimeProvider clock)
    {
        RuleFor(x => x.FindingIds).NotEmpty().WithMessage(t["Välj minst en iakttagelse."]);
        RuleFor(x => x.Title).NotEmpty().MaximumLength(300).WithName(t["Åtgärd"]);
        RuleFor(x => x.Description).MaximumLength(4000).WithName(t["Beskrivning"]);
        RuleFor(x => x.OrganisationId).NotNull().WithName(t["Ansvarig organisation"]);
        RuleFor(x => x.AssignedPerson).MaximumLength(200).WithName(t["Ansvarig person"]);
        RuleFor(x => x.DueDate).NotNull().WithName(t["Klart senast"])
            .Must(d => d >= StockholmTime.Today(clock)).When(x => x.DueDate is not null)
            .WithMessage(t["Datumet har redan passerat."]);
        RuleFor(x => x.Priority).IsInEnum().WithName(t["Prioritet"]);
    }
}

/// <summary>A status change of a task, by an organiser or by the responsible organisation's task owner.</summary>
public sealed class TaskUpdateForm
{
    public FollowUpStatus Status { get; set; }
    public string? Note { get; set; }
    public Guid Version { get; set; }
    public IFormFile? AfterPhoto { get; set; }
}

public sealed class TaskUpdateFormValidator : AbstractValidator<TaskUpdateForm>
{
    public TaskUpdateFormValidator(IStringLocalizer<SharedResource> t)
    {
        RuleFor(x => x.Status).IsInEnum().WithName(t["Status"]);
        RuleFor(x => x.Note).NotEmpty().When(x => x.Status is FollowUpStatus.Rejected or FollowUpStatus.NotOurs)
            .WithMessage(t["Skriv varför åtgärden avvisas eller inte är ert ansvar."]);
        RuleFor(x => x.Note).MaximumLength(4000).WithName(t["Anteckning"]);
    }
}
