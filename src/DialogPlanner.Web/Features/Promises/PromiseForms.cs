using DialogPlanner.Web.Data;
using DialogPlanner.Web.Features.Events;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DialogPlanner.Web.Features.Promises;

public sealed class PromiseForm
{
    public int Id { get; set; }
    public int MunicipalityId { get; set; }
    public int Year { get; set; }
    public string? Title { get; set; }
    public string? Introduction { get; set; }
}

public sealed class PromiseFormValidator : AbstractValidator<PromiseForm>
{
    public PromiseFormValidator(AppDbContext db, IStringLocalizer<SharedResource> t)
    {
        RuleFor(x => x.Year).InclusiveBetween(2000, 2100).WithName(t["År"])
            .MustAsync(async (form, year, ct) => !await db.CitizenPromises.AnyAsync(
                p => p.MunicipalityId == form.MunicipalityId && p.Year == year && p.Id != form.Id, ct))
            .WithMessage(t["Kommunen har redan ett medborgarlöfte för det året."]);
        RuleFor(x => x.Title).NotEmpty().MaximumLength(200).WithName(t["Titel"]);
        RuleFor(x => x.Introduction).MaximumLength(4000).WithName(t["Inledning"]);
    }
}

public sealed class FocusAreaForm
{
    public int Id { get; set; }
    public int PromiseId { get; set; }
    public string? Title { get; set; }
    public string? Description { get; set; }
}

public sealed class FocusAreaFormValidator : AbstractValidator<FocusAreaForm>
{
    public FocusAreaFormValidator(IStringLocalizer<SharedResource> t)
    {
        RuleFor(x => x.Title).NotEmpty().MaximumLength(300).WithName(t["Rubrik"]);
        RuleFor(x => x.Description).MaximumLength(4000).WithName(t["Beskrivning"]);
    }
}

public sealed class PledgeForm
{
    public int Id { get; set; }
    public int FocusAreaId { get; set; }
    public string? Text { get; set; }
    public PledgeParty Responsible { get; set; } = PledgeParty.Both;
    public EventType? EventType { get; set; }
    public int? YearlyTarget { get; set; }
    public bool TargetIsMinimum { get; set; }
    public int? DoneCount { get; set; }
    public PledgeManualStatus ManualStatus { get; set; }
    public string? Notes { get; set; }

    public static PledgeForm From(Pledge p) => new()
    {
        Id = p.Id, FocusAreaId = p.FocusAreaId, Text = p.Text, Responsible = p.Responsible, EventType = p.EventType,
        YearlyTarget = p.YearlyTarget, TargetIsMinimum = p.TargetIsMinimum, DoneCount = p.DoneCount, ManualStatus = p.ManualStatus, Notes = p.Notes,
    };

    public void ApplyTo(Pledge p)
    {
        p.Text = Text!.Trim();
        p.Responsible = Responsible;
        p.EventType = EventType;
        p.YearlyTarget = YearlyTarget;
        p.TargetIsMinimum = YearlyTarget is not null && TargetIsMinimum;
        // Only activities are counted by hand; events count themselves.
        p.DoneCount = YearlyTarget is not null && EventType is null ? DoneCount ?? 0 : null;
        p.ManualStatus = ManualStatus;
        p.Notes = string.IsNullOrWhiteSpace(Notes) ? null : Notes.Trim();
    }
}

public sealed class PledgeFormValidator : AbstractValidator<PledgeForm>
{
    public PledgeFormValidator(IStringLocalizer<SharedResource> t)
    {
        RuleFor(x => x.Text).NotEmpty().MaximumLength(1000).WithName(t["Löfte"]);
        RuleFor(x => x.Responsible).IsInEnum().WithName(t["Ansvarig"]);
        RuleFor(x => x.EventType).IsInEnum().WithName(t["Händelsetyp"]);
        RuleFor(x => x.YearlyTarget).InclusiveBetween(1, 366).WithName(t["Antal per år"]);
        RuleFor(x => x.YearlyTarget).NotNull().When(x => x.EventType is not null)
            .WithMessage(t["Ange hur många gånger per år händelsen ska genomföras."]);
        RuleFor(x => x.DoneCount).InclusiveBetween(0, 366).WithName(t["Genomförda hittills"]);
        RuleFor(x => x.ManualStatus).IsInEnum().WithName(t["Status"]);
        RuleFor(x => x.Notes).MaximumLength(4000).WithName(t["Kommentar"]);
    }
}
