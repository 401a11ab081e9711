using DialogPlanner.Web.Features.Audit;
using DialogPlanner.Web.Features.Events;
using DialogPlanner.Web.Features.Invitations;
using DialogPlanner.Web.Features.Organisations;
using DialogPlanner.Web.Features.Promises;
using DialogPlanner.Web.Features.Tasks;
using DialogPlanner.Web.Features.Walks;

namespace DialogPlanner.Web.Features;

/// <summary>
/// The Swedish name of every enum value shown to users; it is also the localisation key, so the
/// English resource translates it like any other text.
/// </summary>
public static class EnumTexts
{
    private static readonly Dictionary<Enum, string> Texts = new()
    {
        [OrganisationKind.Municipality] = "Kommun",
        [OrganisationKind.Police] = "Polis",
        [OrganisationKind.Landlord] = "Hyresvärd",
        [OrganisationKind.Association] = "Förening",
        [OrganisationKind.CountyBoard] = "Länsstyrelse",
        [OrganisationKind.Other] = "Annan",
        [EventType.DialogueMeeting] = "Dialogmöte",
        [EventType.SafetyWalk] = "Trygghetsvandring",
        [EventType.LandlordMeeting] = "Dialogmöte med hyresvärdar",
        [EventType.CentreAssociationMeeting] = "Dialogmöte med centrumföreningen",
        [EventType.NeighbourhoodWatchMeeting] = "Grannsamverkansmöte",
        [EventType.FarmWalk] = "Gårdsvandring",
        [EventStatus.Draft] = "Utkast",
        [EventStatus.Scheduled] = "Planerad",
        [EventStatus.Held] = "Genomförd",
        [EventStatus.Cancelled] = "Inställd",
        [AuditAction.Created] = "Skapad",
        [AuditAction.Changed] = "Ändrad",
        [AuditAction.Deleted] = "Borttagen",
        [AuditAction.Scheduled] = "Planerad och utskickad",
        [AuditAction.Cancelled] = "Inställd",
        [AuditAction.Held] = "Markerad som genomförd",
        [AuditAction.Published] = "Publicerad",
        [AuditAction.Unpublished] = "Avpublicerad",
        [AuditAction.InviteeRemoved] = "Inbjuden borttagen",
        [AuditAction.AnswerSet] = "Svar satt av arrangören",
        [AuditAction.Exported] = "Exporterad",
        [AuditAction.RoleAdded] = "Roll tillagd",
        [AuditAction.RoleRemoved] = "Roll borttagen",
        [AuditAction.SignedIn] = "Inloggning",
        [AuditAction.SignInFailed] = "Misslyckad inloggning",
        [AuditAction.LockedOut] = "Kontot låst",
        [AuditAction.TwoFactorFailed] = "Fel tvåstegskod",
        [AuditAction.Erased] = "Personuppgifter raderade",
        [AuditAction.Invited] = "Inbjudan skickad",
        [AuditAction.PasswordSet] = "Lösenord valt via inbjudan",
        [AuditAction.PasswordChanged] = "Lösenord bytt",
        [AuditAction.PasswordReset] = "Lösenord återställt",
        [AuditAction.TwoFactorEnabled] = "Tvåstegsinloggning på",
        [AuditAction.TwoFactorDisabled] = "Tvåstegsinloggning av",
        [AuditAction.Disabled] = "Konto avstängt",
        [AuditAction.Enabled] = "Konto aktiverat",
        [AuditAction.MunicipalityAdded] = "Kommun tillagd",
        [AuditAction.MunicipalityRemoved] = "Kommun borttagen",
        [AuditAction.Approved] = "Godkänd för publicering",
        [WalkMeetingRole.Preparatory] = "Förberedande möte",
        [WalkMeetingRole.FollowUp] = "Uppföljningsmöte",
        [RsvpStatus.NeedsAction] = "Inget svar",
        [RsvpStatus.Accepted] = "Kommer",
        [RsvpStatus.Tentative] = "Kanske",
        [RsvpStatus.Declined] = "Kommer inte",
        [InvitationKind.Invitation] = "Inbjudan",
        [InvitationKind.Update] = "Ändring",
        [InvitationKind.Cancellation] = "Avbokning",
        [InvitationKind.Reminder] = "Påminnelse",
        [PledgeParty.Municipality] = "Kommunen",
        [PledgeParty.Police] = "Polisen",
        [PledgeParty.Both] = "Kommunen och polisen",
        [PledgeStatus.Kept] = "Uppfyllt",
        [PledgeStatus.OnTrack] = "Enligt plan",
        [PledgeStatus.AtRisk] = "Risk",
        [PledgeStatus.Behind] = "Efter",
        [PledgeStatus.Manual] = "Manuell",
        [PledgeManualStatus.NotStarted] = "Ej påbörjat",
        [PledgeManualStatus.InProgress] = "Pågår",
        [PledgeManualStatus.Kept] = "Uppfyllt",
        [PledgeManualStatus.NotKept] = "Ej uppfyllt",
        [FindingCategory.Lighting] = "Belysning",
        [FindingCategory.Vegetation] = "Buskage/sikt",
        [FindingCategory.Graffiti] = "Klotter",
        [FindingCategory.Vandalism] = "Skadegörelse",
        [FindingCategory.Litter] = "Nedskräpning",
        [FindingCategory.DrugHangout] = "Tillhåll",
        [FindingCategory.TrafficHazard] = "Trafikfara",
        [FindingCategory.Other] = "Övrigt",
        [Tasks.FollowUpStatus.New] = "Ny",
        [Tasks.FollowUpStatus.Assigned] = "Tilldelad",
        [Tasks.FollowUpStatus.InProgress] = "Pågår",
        [Tasks.FollowUpStatus.Done] = "Klar",
        [Tasks.FollowUpStatus.Rejected] = "Avvisad",
        [Tasks.FollowUpStatus.NotOurs] = "Inte vårt ansvar",
        [TaskPriority.Low] = "Låg",
        [TaskPriority.Normal] = "Normal",
        [TaskPriority.High] = "Hög",
        [SetAsideReason.NoCalendar] = "Meddelandet innehåller inget kalendersvar",
        [SetAsideReason.UnreadableCalendar] = "Kalenderdelen går inte att läsa",
        [SetAsideReason.NotAReply] = "Kalenderdelen är inget svar på en inbjudan",
        [SetAsideReason.NotOneAttendee] = "Svaret gäller inte exakt en deltagare",
        [SetAsideReason.UnknownAnswer] = "Svaret är varken kommer, kanske eller kommer inte",
        [SetAsideReason.UnknownEvent] = "Svaret gäller ingen händelse i DialogPlanner",
        [SetAsideReason.SenderNotAttendee] = "Avsändaren är inte den deltagare som svaret gäller",
        [SetAsideReason.NotInvited] = "Deltagaren är inte inbjuden till händelsen",
        [SetAsideReason.HandlingFailed] = "Meddelandet kunde inte hanteras",
        [SetAsideReason.TooLarge] = "Meddelandet är för stort för att läsas",
        [SetAsideReason.NotAuthenticated] = "E-postservern kunde inte bekräfta avsändaren (DMARC/DKIM)",
    };

    public static string Of(Enum value) => Texts.TryGetValue(value, out var text) ? text : value.ToString();
}

/// <summary>The Swedish name of each role (a closed set of names, like an enum's), which is also its localisation key.</summary>
public static class RoleTexts
{
    private static readonly Dictionary<string, string> Texts = new()
    {
        [Accounts.Roles.Administrator] = "Administratör",
        [Accounts.Roles.Organiser] = "Samordnare",
        [Accounts.Roles.TaskOwner] = "Åtgärdsansvarig",
        [Accounts.Roles.Participant] = "Vandringsdeltagare",
    };

    public static string Of(string role) => Texts.GetValueOrDefault(role, role);
}
