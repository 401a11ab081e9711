using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace DialogPlanner.Web.Features.Walks;

/// <summary>What a participant sends for one finding, from the phone's queue or the plain form.</summary>
public sealed class FindingForm
{
    public Guid? ClientId { get; set; }
    public FindingCategory? Category { get; set; }
    public string? Description { get; set; }
    public string? Place { get; set; }
    [ModelBinder(typeof(CoordinateBinder))]
    public double? Latitude { get; set; }
    [ModelBinder(typeof(CoordinateBinder))]
    public double? Longitude { get; set; }
    public IFormFile? Photo { get; set; }
}

public sealed class FindingFormValidator : AbstractValidator<FindingForm>
{
    public FindingFormValidator(IStringLocalizer<SharedResource> t)
    {
        RuleFor(x => x.Category).NotNull().IsInEnum().WithName(t["Kategori"]);
        RuleFor(x => x.Description).NotEmpty().MaximumLength(2000).WithName(t["Vad såg du?"]);
        RuleFor(x => x.Place).MaximumLength(300).WithName(t["Plats"]);
        RuleFor(x => x.Latitude).InclusiveBetween(-90, 90).WithName(t["Latitud"]);
        RuleFor(x => x.Longitude).InclusiveBetween(-180, 180).WithName(t["Longitud"]);
        RuleFor(x => x).Must(x => !string.IsNullOrWhiteSpace(x.Place) || (x.Latitude is not null && x.Longitude is not null))
            .WithName(t["Plats"]).OverridePropertyName(nameof(FindingForm.Place))
            .WithMessage(t["Ange var: använd telefonens position eller skriv platsen."]);
    }
}
