using DialogPlanner.Web.Data;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DialogPlanner.Web.Features.Organisations;

public sealed class OrganisationForm
{
    public int Id { get; set; }
    public int MunicipalityId { get; set; }
    public string? Name { get; set; }
    public OrganisationKind Kind { get; set; } = OrganisationKind.Other;
    public string? Email { get; set; }
    public string? Phone { get; set; }

    public static OrganisationForm From(Organisation o) =>
        new() { Id = o.Id, MunicipalityId = o.MunicipalityId, Name = o.Name, Kind = o.Kind, Email = o.Email, Phone = o.Phone };

    public void ApplyTo(Organisation o)
    {
        o.MunicipalityId = MunicipalityId;
        o.Name = Name!.Trim();
        o.Kind = Kind;
        o.Email = string.IsNullOrWhiteSpace(Email) ? null : Email.Trim();
        o.Phone = string.IsNullOrWhiteSpace(Phone) ? null : Phone.Trim();
    }
}

public sealed class OrganisationFormValidator : AbstractValidator<OrganisationForm>
{
    public OrganisationFormValidator(AppDbContext db, IStringLocalizer<SharedResource> t)
    {
        RuleFor(x => x.Name).NotEmpty().MaximumLength(200).WithName(t["Namn"])
            .MustAsync(async (form, name, ct) => !await db.Organisations.AnyAsync(
                o => o.MunicipalityId == form.MunicipalityId && o.Name == name!.Trim() && o.Id != form.Id, ct))
            .WithMessage(t["Det finns redan en organisation med det namnet."]);
        RuleFor(x => x.Kind).IsInEnum().WithName(t["Typ"]);
        RuleFor(x => x.Email).MaximumLength(EmailAddress.MaxLength).IsEmailAddress().WithName(t["E-post"]);
        RuleFor(x => x.Phone).MaximumLength(40).WithName(t["Telefon"]);
    }
}
