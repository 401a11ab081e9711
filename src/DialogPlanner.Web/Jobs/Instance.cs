namespace DialogPlanner.Web.Jobs;

/// <summary>
/// This process among the app's instances on one database: the name it writes into the claims and leases it holds.
/// A restarted process is a new instance; what the old one held is taken over when its time runs out.
/// </summary>
public sealed class Instance
{
    public string Name { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}";
}
