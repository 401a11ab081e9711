using FluentValidation;
using Microsoft.Extensions.Localization;

namespace DialogPlanner.Web.Features.Invitations;

/// <summary>Who to add to an event's list: saved contacts, whole contact groups and pasted addresses.</summary>
public sealed class AddInviteesForm
{
    private InviteeSelection.ParsedAddresses? parsed;

    public List<int> ContactIds { get; set; } = [];
    public List<int> GroupIds { get; set; } = [];
    public string? Addresses { get; set; }

    /// <summary>The pasted addresses, read once for the validator and the controller alike.</summary>
    public InviteeSelection.ParsedAddresses ParsedAddresses() => parsed ??= InviteeSelection.ParseFreeAddresses(Addresses);
}

public sealed class AddInviteesFormValidator : AbstractValidator<AddInviteesForm>
{
    public AddInviteesFormValidator(IStringLocalizer<SharedResource> t)
    {
        RuleFor(x => x.Addresses).MaximumLength(InviteeSelection.MaxLength).WithName(t["Andra e-postadresser"])
            .Custom((_, context) =>
            {
                // Each entry that is not an address is its own error, shown by itself under the box.
                var parsed = context.InstanceToValidate.ParsedAddresses();
                foreach (var entry in parsed.Invalid) context.AddFailure(t["Inte en e-postadress: {0}", entry]);
                if (parsed.MoreInvalid)
                    context.AddFailure(t["Fler än de {0} som visas här är inte e-postadresser.", InviteeSelection.MaxInvalidShown]);
            });
    }
}
