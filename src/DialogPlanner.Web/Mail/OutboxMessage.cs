namespace DialogPlanner.Web.Mail;

public enum OutboxStatus
{
    Queued,
    Sent,
    Failed,
}

/// <summary>
/// An e-mail written in the same transaction as the change that caused it. The delivery worker
/// only sends what is here, so a crash or a mail server outage loses nothing.
/// </summary>
public class OutboxMessage
{
    public long Id { get; set; }
    public required string ToAddress { get; set; }
    public string? ToName { get; set; }
    public required string Subject { get; set; }
    /// <summary>The complete MIME message as it will go on the wire.</summary>
    public required byte[] Mime { get; set; }
    /// <summary>What caused the message, e.g. "invitation", for the organiser's view.</summary>
    public required string Kind { get; set; }
    public int? InvitationId { get; set; }
    public OutboxStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTime NextAttemptAtUtc { get; set; }
    public string? LastError { get; set; }
    public DateTime? SentAtUtc { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    /// <summary>The instance that claimed the message last (<see cref="Jobs.Instance"/>); kept after delivery to tell who sent it.</summary>
    public string? ClaimedBy { get; set; }
    /// <summary>Until when the claim holds; null when nobody is working on the message.</summary>
    public DateTime? ClaimedUntilUtc { get; set; }
}
