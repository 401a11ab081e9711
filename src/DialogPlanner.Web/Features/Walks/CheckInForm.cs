using FluentValidation;
using Microsoft.Extensions.Localization;

namespace DialogPlanner.Web.Features.Walks;

/// <summary>What a drop-in fills in on the check-in page.</summary>
public sealed class CheckInForm
{
    public string? Name { get; set; }
    /// <summary>Optional: with it they get the walk's feedback mail.</summary>
    public string? Email { get; set; }
    /// <summary>True: they come as a private person; false: for <see cref="Organisation"/>.</summary>
    public bool Private { get; set; } = true;
    public string? Organisation { get; set; }
}

public sealed class CheckInFormValidator : AbstractValidator<CheckInForm>
{
    public CheckInFormValidator(IStringLocalizer<SharedResource> t)
    {
        RuleFor(x => x.Name).NotEmpty().MaximumLength(200).WithName(t["Namn"]);
        RuleFor(x => x.Email).MaximumLength(254).Must(e => string.IsNullOrWhiteSpace(e) || EmailAddress.IsValid(e))
            .WithMessage(t["Skriv en giltig e-postadress, t.ex. namn@exempel.se, eller lämna fältet tomt."]);
        RuleFor(x => x.Organisation).NotEmpty().When(x => !x.Private).WithMessage(t["Skriv vilken organisation du kommer från, eller välj privatperson."]);
        RuleFor(x => x.Organisation).MaximumLength(200).WithName(t["Organisation"]);
    }
}
