using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace DialogPlanner.Web.Features.Accounts;

/// <summary>Identity's password and user errors in the user's language (Swedish unless English is chosen).</summary>
public sealed class SwedishIdentityErrorDescriber(IStringLocalizer<SharedResource> t) : IdentityErrorDescriber
{
    public override IdentityError PasswordTooShort(int length) =>
        new() { Code = nameof(PasswordTooShort), Description = t["Lösenordet måste ha minst {0} tecken.", length] };
    public override IdentityError PasswordRequiresDigit() =>
        new() { Code = nameof(PasswordRequiresDigit), Description = t["Lösenordet måste innehålla minst en siffra."] };
    public override IdentityError PasswordRequiresLower() =>
        new() { Code = nameof(PasswordRequiresLower), Description = t["Lösenordet måste innehålla minst en liten bokstav."] };
    public override IdentityError PasswordRequiresUpper() =>
        new() { Code = nameof(PasswordRequiresUpper), Description = t["Lösenordet måste innehålla minst en stor bokstav."] };
    public override IdentityError DuplicateEmail(string email) =>
        new() { Code = nameof(DuplicateEmail), Description = t["E-postadressen {0} används redan.", email] };
    public override IdentityError DuplicateUserName(string userName) =>
        new() { Code = nameof(DuplicateUserName), Description = t["E-postadressen {0} används redan.", userName] };
    public override IdentityError InvalidEmail(string? email) =>
        new() { Code = nameof(InvalidEmail), Description = t["E-postadressen {0} är ogiltig.", email ?? ""] };
}
