using DialogPlanner.Web.Data;
using DialogPlanner.Web.Features.Walks;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DialogPlanner.Web.Features.Organisations;

/// <summary>Which organisation usually answers for each finding category in one municipality; triage starts from it.</summary>
public sealed class ResponsibilitiesForm
{
    public int MunicipalityId { get; set; }
    public List<CategoryChoice> Rows { get; set; } = [];

    public static ResponsibilitiesForm For(int municipalityId, IEnumerable<CategoryResponsibility> saved, string? hiddenCategories)
    {
        var hidden = FindingCategories.Hidden(hiddenCategories);
        return new()
        {
            MunicipalityId = municipalityId,
            Rows = Enum.GetValues<FindingCategory>()
                .Select(c => new CategoryChoice { Category = c, OrganisationId = saved.FirstOrDefault(r => r.Category == c)?.OrganisationId, Offered = !hidden.Contains(c) })
                .ToList(),
        };
    }
}

public sealed class CategoryChoice
{
    public FindingCategory Category { get; set; }
    /// <summary>Null: no usual owner; the organiser picks one on each task.</summary>
    public int? OrganisationId { get; set; }
    /// <summary>Shown to walk participants on the phone; "Övrigt" always is.</summary>
    public bool Offered { get; set; }
}

public sealed class ResponsibilitiesFormValidator : AbstractValidator<ResponsibilitiesForm>
{
    public ResponsibilitiesFormValidator(AppDbContext db, IStringLocalizer<SharedResource> t)
    {
        RuleFor(x => x.Rows).Must(rows => rows.Select(r => r.Category).Distinct().Count() == rows.Count)
            .WithMessage(t["Varje kategori kan bara ha en ansvarig organisation."]);
        RuleForEach(x => x.Rows).Must(r => Enum.IsDefined(r.Category)).WithMessage(t["Okänd kategori."])
            .MustAsync(async (form, row, ct) => row.OrganisationId is not { } id
                || await db.Organisations.AnyAsync(o => o.Id == id && o.MunicipalityId == form.MunicipalityId, ct))
            .WithMessage(t["Välj en organisation i samma kommun."]);
    }
}
