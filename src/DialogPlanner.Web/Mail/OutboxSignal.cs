namespace DialogPlanner.Web.Mail;

/// <summary>Wakes the outbox worker as soon as new mail is saved.</summary>
public sealed class OutboxSignal : Jobs.JobSignal;
