using System.Globalization;
using DialogPlanner.Web.Data;
using DialogPlanner.Web.Features.Accounts;
using DialogPlanner.Web.Features.Audit;
using DialogPlanner.Web.Mail;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DialogPlanner.Web.Features.Users;

/// <summary>
/// Accounts managed in the app (the command line's <c>user add</c> stays for scripts): invite by e-mail, roles,
/// municipalities, organisation, turn off and on, send the invitation again. What each user may touch: <see cref="UserAccess"/>.
/// A user out of reach is a 404; asking to give a role or a municipality one may not give is a 403.
/// </summary>
[Authorize(Policy = IdentitySetup.OrganiserPolicy)]
[Route("users")]
public sealed class UsersController(
    AppDbContext db, UserManager<AppUser> users, UserAccess access, AccountMail mail, TimeProvider clock,
    IValidator<UserForm> validator, IStringLocalizer<SharedResource> t) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(string? q, int? page)
    {
        var query = await access.VisibleAsync();
        if (Paging.SearchTerm(q) is { } term)
            query = query.Where(u => u.Email!.ToLower().Contains(term) || (u.DisplayName != null && u.DisplayName.ToLower().Contains(term)));
        var paged = await query.OrderBy(u => u.Email)
            .Select(u => new UserRow(u.Id, u.Email!, u.DisplayName, u.Organisation != null ? u.Organisation.Name : null,
                u.DisabledAtUtc != null, u.PasswordHash != null, u.InvitedAtUtc, u.TwoFactorEnabled))
            .ToPagedAsync(page);
        var ids = paged.Rows.Select(r => r.Id).ToList();
        var roles = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ids.Contains(ur.UserId) select new { ur.UserId, r.Name })
            .ToListAsync();
        // A collection per user rather than SelectMany: SQLite cannot run the APPLY the latter becomes.
        var memberships = await db.Users.Where(u => ids.Contains(u.Id))
            .Select(u => new { u.Id, Names = u.Municipalities.Select(m => m.Name).ToList() }).ToDictionaryAsync(u => u.Id, u => u.Names);
        foreach (var row in paged.Rows)
        {
            row.Roles.AddRange(roles.Where(r => r.UserId == row.Id).Select(r => r.Name!).OrderBy(n => Array.IndexOf(Roles.All, n)));
            row.Municipalities.AddRange(memberships.GetValueOrDefault(row.Id, []).Order());
        }
        ViewData["Query"] = q;
        return View(paged);
    }

    [HttpGet("invite")]
    public async Task<IActionResult> Invite() => await FormView(new UserForm());

    [HttpPost("invite")]
    public async Task<IActionResult> Invite(UserForm form)
    {
        form.Id = null;
        if (await OutOfReachAsync(form, current: null) is { } refused) return refused;
        if (!await validator.ValidateIntoAsync(form, ModelState)) return await FormView(form);
        var email = form.Email.Trim();
        var user = new AppUser { UserName = email, Email = email, DisplayName = Blank(form.DisplayName), OrganisationId = form.OrganisationId };
        user.Municipalities.AddRange(await db.Municipalities.Where(m => form.MunicipalityIds.Contains(m.Id)).ToListAsync());
        await using var transaction = await db.Database.BeginTransactionAsync();
        var created = await users.CreateAsync(user);
        if (!created.Succeeded)
        {
            // The address is both the user name and the e-mail: a taken one is reported once, not twice.
            foreach (var error in created.Errors.Select(e => e.Description).Distinct()) ModelState.AddModelError(nameof(form.Email), error);
            return await FormView(form);
        }
        await users.AddToRolesAsync(user, form.Roles);
        await SendInvitationAsync(user, form.Roles);
        await transaction.CommitAsync();
        TempData["Message"] = t["En inbjudan har skickats till {0}.", email].Value;
        return RedirectToAction(nameof(Index));
    }

    [HttpGet("{id}")]
    public async Task<IActionResult> Edit(string id)
    {
        var user = await access.FindAsync(id);
        if (user is null) return NotFound();
        return await FormView(UserForm.From(user, await users.GetRolesAsync(user)), user);
    }

    [HttpPost("{id}")]
    public async Task<IActionResult> Edit(string id, UserForm form)
    {
        var user = await access.FindAsync(id);
        if (user is null) return NotFound();
        form.Id = id;
        form.Email = user.Email ?? "";
        var current = await users.GetRolesAsync(user);
        if (await OutOfReachAsync(form, user) is { } refused) return refused;
        if (!await validator.ValidateIntoAsync(form, ModelState)) return await FormView(form, user);
        if (id == access.CurrentUserId && current.Contains(Roles.Administrator) && !form.Roles.Contains(Roles.Administrator))
        {
            ModelState.AddModelError(nameof(form.Roles), t["Du kan inte ta bort din egen administratörsroll."]);
            return await FormView(form, user);
        }

        // What the current user may not manage stays as it was: roles they cannot grant, municipalities outside their own.
        var grantable = access.GrantableRoles;
        var allowed = (await access.MunicipalitiesAsync()).Select(m => m.Id).ToHashSet();
        var wantedMunicipalities = user.Municipalities.Where(m => !allowed.Contains(m.Id)).Select(m => m.Id).Concat(form.MunicipalityIds).ToHashSet();
        user.Municipalities.RemoveAll(m => !wantedMunicipalities.Contains(m.Id));
        var missing = wantedMunicipalities.Except(user.Municipalities.Select(m => m.Id)).ToList();
        user.Municipalities.AddRange(await db.Municipalities.Where(m => missing.Contains(m.Id)).ToListAsync());
        user.DisplayName = Blank(form.DisplayName);
        user.OrganisationId = form.OrganisationId;

        await using var transaction = await db.Database.BeginTransactionAsync();
        await users.UpdateAsync(user);
        await users.RemoveFromRolesAsync(user, current.Where(r => grantable.Contains(r) && !form.Roles.Contains(r)));
        await users.AddToRolesAsync(user, form.Roles.Where(r => !current.Contains(r)));
        await transaction.CommitAsync();
        TempData["Message"] = t["{0} har sparats.", user.Email!].Value;
        return RedirectToAction(nameof(Index));
    }

    [HttpPost("{id}/disable")]
    public async Task<IActionResult> Disable(string id)
    {
        var user = await access.FindAsync(id);
        if (user is null) return NotFound();
        if (id == access.CurrentUserId)
        {
            TempData["Message"] = t["Du kan inte stänga av ditt eget konto."].Value;
            return RedirectToAction(nameof(Edit), new { id });
        }
        user.DisabledAtUtc = clock.GetUtcNow().UtcDateTime;
        // A new stamp: the account's open sessions end at their next check.
        await users.UpdateSecurityStampAsync(user);
        TempData["Message"] = t["{0} är avstängd och kan inte logga in.", user.Email!].Value;
        return RedirectToAction(nameof(Edit), new { id });
    }

    [HttpPost("{id}/enable")]
    public async Task<IActionResult> Enable(string id)
    {
        var user = await access.FindAsync(id);
        if (user is null) return NotFound();
        user.DisabledAtUtc = null;
        await users.UpdateAsync(user);
        TempData["Message"] = t["{0} kan logga in igen.", user.Email!].Value;
        return RedirectToAction(nameof(Edit), new { id });
    }

    [HttpPost("{id}/resend")]
    public async Task<IActionResult> Resend(string id)
    {
        var user = await access.FindAsync(id);
        if (user is null) return NotFound();
        if (user.PasswordHash is not null || user.IsDisabled)
        {
            TempData["Message"] = t["{0} har redan valt ett lösenord; ingen inbjudan skickas. Glömt lösenord finns på inloggningssidan.", user.Email!].Value;
            return RedirectToAction(nameof(Edit), new { id });
        }
        await using var transaction = await db.Database.BeginTransactionAsync();
        await SendInvitationAsync(user, await users.GetRolesAsync(user));
        await transaction.CommitAsync();
        TempData["Message"] = t["En ny inbjudan har skickats till {0}. Tidigare länkar fungerar inte längre.", user.Email!].Value;
        return RedirectToAction(nameof(Edit), new { id });
    }

    /// <summary>403 when the form asks for a role, municipality or organisation the current user may not give.</summary>
    private async Task<IActionResult?> OutOfReachAsync(UserForm form, AppUser? current)
    {
        form.Roles = form.Roles.Distinct().ToList();
        form.MunicipalityIds = form.MunicipalityIds.Distinct().ToList();
        if (form.Roles.Any(r => !access.GrantableRoles.Contains(r))) return Forbid();
        var allowed = (await access.MunicipalitiesAsync()).Select(m => m.Id).ToHashSet();
        if (form.MunicipalityIds.Any(id => !allowed.Contains(id))) return Forbid();
        if (form.OrganisationId is { } organisationId && organisationId != current?.OrganisationId && !await access.AllowsOrganisationAsync(organisationId))
            return Forbid();
        return null;
    }

    private async Task SendInvitationAsync(AppUser user, IEnumerable<string> roles)
    {
        var me = await users.GetUserAsync(User);
        await mail.QueueInvitationAsync(user, me?.DisplayName ?? me?.Email ?? "DialogPlanner", roles, MailLanguage.Of(CultureInfo.CurrentUICulture.Name));
        await db.SaveChangesAsync();
        await AuditLog.RecordAsync(db, HttpContext, clock, AuditAction.Invited, "User", user.Id);
    }

    private async Task<IActionResult> FormView(UserForm form, AppUser? user = null)
    {
        var municipalities = await access.MunicipalitiesAsync();
        var ids = municipalities.Select(m => m.Id).ToList();
        var currentOrganisation = user?.OrganisationId;
        ViewData["Municipalities"] = municipalities;
        ViewData["Organisations"] = await db.Organisations.AsNoTracking()
            .Where(o => ids.Contains(o.MunicipalityId) || o.Id == currentOrganisation)
            .OrderBy(o => o.Municipality.Name).ThenBy(o => o.Name)
            .Select(o => new KeyValuePair<int, string>(o.Id, o.Name + " (" + o.Municipality.Name + ")")).ToListAsync();
        ViewData["Grantable"] = access.GrantableRoles;
        ViewData["Account"] = user;
        return View("Form", form);
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
