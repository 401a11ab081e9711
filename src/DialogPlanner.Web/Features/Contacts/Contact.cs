using DialogPlanner.Web.Features.Municipalities;
using DialogPlanner.Web.Features.Organisations;

namespace DialogPlanner.Web.Features.Contacts;

/// <summary>A person who can be invited. Name and e-mail are personal data: keep no more than this.</summary>
public class Contact : Data.IAudited
{
    private string email = "";

    public int Id { get; set; }
    public int MunicipalityId { get; set; }
    public Municipality Municipality { get; set; } = null!;
    public required string Name { get; set; }
    public required string Email
    {
        get => email;
        set => (email, NormalizedEmail) = (value, EmailAddress.Normalize(value));
    }
    /// <summary>Set with <see cref="Email"/>: what matching and the uniqueness per municipality compare.</summary>
    public string NormalizedEmail { get; private set; } = "";
    public string? Phone { get; set; }
    public int? OrganisationId { get; set; }
    public Organisation? Organisation { get; set; }
    /// <summary>"sv" or "en": the language of the e-mails this person receives.</summary>
    public string Language { get; set; } = "sv";
    public List<ContactGroup> Groups { get; set; } = [];
    public DateTime CreatedAtUtc { get; set; }
    public DateTime UpdatedAtUtc { get; set; }
}

/// <summary>A named list of contacts, e.g. "Hyresvärdar" or "Grannsamverkan Lagan".</summary>
public class ContactGroup
{
    public int Id { get; set; }
    public int MunicipalityId { get; set; }
    public Municipality Municipality { get; set; } = null!;
    public required string Name { get; set; }
    public string? Description { get; set; }
    public List<Contact> Contacts { get; set; } = [];
}
