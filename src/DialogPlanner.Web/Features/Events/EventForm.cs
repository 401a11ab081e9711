using DialogPlanner.Web.Data;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DialogPlanner.Web.Features.Events;

/// <summary>The event form. Times are Stockholm wall-clock times as the organiser types them.</summary>
public sealed class EventForm
{
    public int Id { get; set; }
    public int MunicipalityId { get; set; }
    public EventType Type { get; set; }
    public string? Title { get; set; }
    public string? Description { get; set; }
    public DateTime? Start { get; set; }
    public DateTime? End { get; set; }
    public string? Location { get; set; }
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }
    public int? Capacity { get; set; }
    public bool IsPublic { get; set; }
    public int? PledgeId { get; set; }
    /// <summary>True saves a draft; false schedules the event (and later sends the invitations).</summary>
    public bool AsDraft { get; set; }
    public Guid Version { get; set; }

    public static EventForm From(Event e) => new()
    {
        Id = e.Id, MunicipalityId = e.MunicipalityId, Type = e.Type, Title = e.Title, Description = e.Description,
        Start = StockholmTime.FromUtc(e.StartsAtUtc), End = StockholmTime.FromUtc(e.EndsAtUtc), Location = e.Location,
        Latitude = e.Latitude, Longitude = e.Longitude, Capacity = e.Capacity, IsPublic = e.IsPublic, PledgeId = e.PledgeId,
        AsDraft = e.Status == EventStatus.Draft, Version = e.Version,
    };

    /// <summary>Copies the form onto the event; true when something that decides whether people can attend changed.</summary>
    public bool ApplyTo(Event e)
    {
        var startUtc = StockholmTime.ToUtc(Start!.Value);
        var endUtc = StockholmTime.ToUtc(End!.Value);
        var location = Location!.Trim();
        var mattersToAttendees = e.StartsAtUtc != startUtc || e.EndsAtUtc != endUtc || e.Location != location;
        e.MunicipalityId = MunicipalityId;
        e.Type = Type;
        e.Title = Title!.Trim();
        e.Description = string.IsNullOrWhiteSpace(Description) ? null : Description.Trim();
        e.StartsAtUtc = startUtc;
        e.EndsAtUtc = endUtc;
        e.Location = location;
        e.Latitude = Latitude;
        e.Longitude = Longitude;
        e.Capacity = Capacity;
        e.IsPublic = IsPublic;
        e.PledgeId = PledgeId;
        return mattersToAttendees;
    }
}

public sealed class EventFormValidator : AbstractValidator<EventForm>
{
    public EventFormValidator(AppDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> t)
    {
        RuleFor(x => x.Type).IsInEnum().WithName(t["Typ"]);
        RuleFor(x => x.Title).NotEmpty().MaximumLength(200).WithName(t["Titel"]);
        RuleFor(x => x.Description).MaximumLength(8000).WithName(t["Beskrivning och dagordning"]);
        RuleFor(x => x.Start).NotNull().WithName(t["Början"]);
        RuleFor(x => x.Start).Must(start => start > StockholmTime.Now(clock))
            .When(x => x.Id == 0 && x.Start is not null).WithMessage(t["En ny händelse kan inte ligga i det förflutna."]);
        RuleFor(x => x.End).NotNull().WithName(t["Slut"]);
        RuleFor(x => x.End).Must((form, end) => end > form.Start)
            .When(x => x.Start is not null && x.End is not null).WithMessage(t["Slutet måste komma efter början."]);
        RuleFor(x => x.End).Must((form, end) => end <= form.Start!.Value.AddDays(2))
            .When(x => x.Start is not null && x.End is not null).WithMessage(t["En händelse kan vara högst två dygn."]);
        RuleFor(x => x.Location).NotEmpty().MaximumLength(300).WithName(t["Plats"]);
        RuleFor(x => x.Latitude).InclusiveBetween(-90, 90).WithName(t["Latitud"]);
        RuleFor(x => x.Longitude).InclusiveBetween(-180, 180).WithName(t["Longitud"]);
        RuleFor(x => x.Latitude).NotNull().When(x => x.Longitude is not null).WithMessage(t["Ange både latitud och longitud, eller ingen."]);
        RuleFor(x => x.Capacity).GreaterThanOrEqualTo(0).WithName(t["Max antal deltagare"]);
        RuleFor(x => x.PledgeId)
            .MustAsync(async (form, id, ct) => id is null || await db.Pledges.AnyAsync(
                p => p.Id == id && p.FocusArea.CitizenPromise.MunicipalityId == form.MunicipalityId, ct))
            .WithMessage(t["Välj ett löfte i samma kommun."]);
    }
}
