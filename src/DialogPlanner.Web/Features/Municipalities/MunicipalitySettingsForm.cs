using System.Text.RegularExpressions;
using DialogPlanner.Web.Data;
using DialogPlanner.Web.Features.Walks;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DialogPlanner.Web.Features.Municipalities;

/// <summary>What organisers set for their municipality: its names, where it is, and what residents read on its public pages.</summary>
public sealed partial class MunicipalitySettingsForm
{
    public int Id { get; set; }
    public string? Name { get; set; }
    public string? Slug { get; set; }
    // Typed with a decimal point or comma (or filled by a tap on the map), read by Coordinates.
    public string? Latitude { get; set; }
    public string? Longitude { get; set; }
    public string? PublicIntroduction { get; set; }
    public string? ContactEmail { get; set; }
    public string? PrivacyNotice { get; set; }

    public static MunicipalitySettingsForm From(Municipality m) => new()
    {
        Id = m.Id, Name = m.Name, Slug = m.Slug, PublicIntroduction = m.PublicIntroduction, ContactEmail = m.ContactEmail, PrivacyNotice = m.PrivacyNotice,
        Latitude = m.Latitude?.ToString("0.######", System.Globalization.CultureInfo.InvariantCulture),
        Longitude = m.Longitude?.ToString("0.######", System.Globalization.CultureInfo.InvariantCulture),
    };

    public void ApplyTo(Municipality m)
    {
        m.Name = Name!.Trim();
        m.Slug = Slug!.Trim().ToLowerInvariant();
        Coordinates.TryRead(Latitude, Longitude, out var lat, out var lon);
        (m.Latitude, m.Longitude) = (lat, lon);
        m.PublicIntroduction = Blank(PublicIntroduction);
        m.ContactEmail = Blank(ContactEmail);
        m.PrivacyNotice = Blank(PrivacyNotice);
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    public static partial Regex SlugPattern();
}

public sealed class MunicipalitySettingsFormValidator : AbstractValidator<MunicipalitySettingsForm>
{
    public MunicipalitySettingsFormValidator(AppDbContext db, IStringLocalizer<SharedResource> t)
    {
        RuleFor(x => x.Name).NotEmpty().MaximumLength(Municipality.NameMaxLength).WithName(t["Namn"])
            .MustAsync(async (form, name, ct) => !await db.Municipalities.AnyAsync(m => m.Name == name!.Trim() && m.Id != form.Id, ct))
            .WithMessage(t["Det finns redan en kommun med det namnet."]);
        RuleFor(x => x.Slug).NotEmpty().MaximumLength(Municipality.SlugMaxLength).WithName(t["Namn i webbadressen"])
            .Must(slug => MunicipalitySettingsForm.SlugPattern().IsMatch(slug!.Trim().ToLowerInvariant()))
            .WithMessage(t["Använd bara a–z, siffror och bindestreck, till exempel ”upplands-vasby”."])
            .MustAsync(async (form, slug, ct) => !await db.Municipalities.AnyAsync(m => m.Slug == slug!.Trim().ToLowerInvariant() && m.Id != form.Id, ct))
            .WithMessage(t["En annan kommun har redan den webbadressen."]);
        RuleFor(x => x.Latitude).Must((form, latitude) => Coordinates.TryRead(latitude, form.Longitude, out _, out _))
            .WithMessage(t["Skriv både latitud och longitud som tal, till exempel 56,8333 och 13,9333, eller lämna båda tomma."]);
        RuleFor(x => x.PublicIntroduction).MaximumLength(Municipality.IntroductionMaxLength).WithName(t["Inledning på den publika sidan"]);
        RuleFor(x => x.ContactEmail).MaximumLength(EmailAddress.MaxLength).IsEmailAddress().WithName(t["Kontaktadress för invånare"]);
        RuleFor(x => x.PrivacyNotice).MaximumLength(Municipality.PrivacyNoticeMaxLength).WithName(t["Information om personuppgifter"]);
    }
}
