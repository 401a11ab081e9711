using DialogPlanner.Web.Features.Accounts;
using FluentValidation;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;

namespace DialogPlanner.Web.Features.Users;

/// <summary>An account as the users page shows and takes it: on invitation with its address, later without.</summary>
public sealed class UserForm
{
    [BindNever]
    public string? Id { get; set; }
    public string Email { get; set; } = "";
    public string? DisplayName { get; set; }
    public List<string> Roles { get; set; } = [];
    public List<int> MunicipalityIds { get; set; } = [];
    public int? OrganisationId { get; set; }

    public bool IsNew => Id is null;

    public static UserForm From(AppUser user, IEnumerable<string> roles) => new()
    {
        Id = user.Id, Email = user.Email ?? "", DisplayName = user.DisplayName, Roles = roles.ToList(),
        MunicipalityIds = user.Municipalities.Select(m => m.Id).ToList(), OrganisationId = user.OrganisationId,
    };
}

public sealed class UserFormValidator : AbstractValidator<UserForm>
{
    public UserFormValidator(IStringLocalizer<SharedResource> t)
    {
        RuleFor(x => x.Email).NotEmpty().IsEmailAddress().MaximumLength(EmailAddress.MaxLength).WithName(t["E-post"]).When(x => x.IsNew);
        RuleFor(x => x.DisplayName).MaximumLength(200).WithName(t["Namn"]);
        RuleFor(x => x.Roles).NotEmpty().WithMessage(t["Välj minst en roll."]);
        RuleFor(x => x.OrganisationId).NotNull().When(x => x.Roles.Contains(Roles.TaskOwner))
            .WithMessage(t["En åtgärdsansvarig arbetar för en organisation: välj den."]);
        RuleFor(x => x.MunicipalityIds).NotEmpty().When(x => x.Roles.Contains(Roles.Organiser) || x.Roles.Contains(Roles.Participant))
            .WithMessage(t["Samordnare och vandringsdeltagare hör till minst en kommun: välj den."]);
    }
}

/// <summary>One line of the users list.</summary>
public sealed record UserRow(
    string Id, string Email, string? DisplayName, string? Organisation, bool Disabled, bool HasPassword, DateTime? InvitedAtUtc, bool TwoFactor)
{
    public List<string> Roles { get; } = [];
    public List<string> Municipalities { get; } = [];
}
