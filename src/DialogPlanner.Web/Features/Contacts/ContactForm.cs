using DialogPlanner.Web.Data;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DialogPlanner.Web.Features.Contacts;

public sealed class ContactForm
{
    public int Id { get; set; }
    public int MunicipalityId { get; set; }
    public string? Name { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }
    public int? OrganisationId { get; set; }
    public string Language { get; set; } = "sv";
    public List<int> GroupIds { get; set; } = [];

    public static ContactForm From(Contact c) => new()
    {
        Id = c.Id, MunicipalityId = c.MunicipalityId, Name = c.Name, Email = c.Email, Phone = c.Phone,
        OrganisationId = c.OrganisationId, Language = c.Language, GroupIds = c.Groups.Select(g => g.Id).ToList(),
    };

    /// <summary>Copies the form onto the contact; groups must be the allowed ones of the same municipality.</summary>
    public void ApplyTo(Contact c, IEnumerable<ContactGroup> groups)
    {
        c.MunicipalityId = MunicipalityId;
        c.Name = Name!.Trim();
        c.Email = Email!.Trim();
        c.Phone = string.IsNullOrWhiteSpace(Phone) ? null : Phone.Trim();
        c.OrganisationId = OrganisationId;
        c.Language = Language;
        c.Groups.Clear();
        c.Groups.AddRange(groups);
    }
}

public sealed class ContactFormValidator : AbstractValidator<ContactForm>
{
    public ContactFormValidator(AppDbContext db, IStringLocalizer<SharedResource> t)
    {
        RuleFor(x => x.Name).NotEmpty().MaximumLength(200).WithName(t["Namn"]);
        RuleFor(x => x.Email).NotEmpty().MaximumLength(EmailAddress.MaxLength).IsEmailAddress().WithName(t["E-post"])
            .MustAsync(async (form, email, ct) =>
            {
                // "Anna@X.se" and "anna@x.se" are one person: the check compares normalised addresses.
                var normalized = EmailAddress.Normalize(email!);
                return !await db.Contacts.AnyAsync(c => c.MunicipalityId == form.MunicipalityId && c.NormalizedEmail == normalized && c.Id != form.Id, ct);
            })
            .WithMessage(t["Det finns redan en kontakt med den e-postadressen."]);
        RuleFor(x => x.Phone).MaximumLength(40).WithName(t["Telefon"]);
        RuleFor(x => x.Language).Must(l => l is "sv" or "en").WithMessage(t["Välj svenska eller engelska."]);
        RuleFor(x => x.OrganisationId)
            .MustAsync(async (form, id, ct) => id is null || await db.Organisations.AnyAsync(o => o.Id == id && o.MunicipalityId == form.MunicipalityId, ct))
            .WithMessage(t["Välj en organisation i samma kommun."]);
    }
}

public sealed class ContactGroupForm
{
    public int Id { get; set; }
    public int MunicipalityId { get; set; }
    public string? Name { get; set; }
    public string? Description { get; set; }
}

public sealed class ContactGroupFormValidator : AbstractValidator<ContactGroupForm>
{
    public ContactGroupFormValidator(AppDbContext db, IStringLocalizer<SharedResource> t)
    {
        RuleFor(x => x.Name).NotEmpty().MaximumLength(100).WithName(t["Namn"])
            .MustAsync(async (form, name, ct) => !await db.ContactGroups.AnyAsync(
                g => g.MunicipalityId == form.MunicipalityId && g.Name == name!.Trim() && g.Id != form.Id, ct))
            .WithMessage(t["Det finns redan en grupp med det namnet."]);
        RuleFor(x => x.Description).MaximumLength(500).WithName(t["Beskrivning"]);
    }
}
