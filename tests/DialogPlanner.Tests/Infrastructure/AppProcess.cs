using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace DialogPlanner.Tests.Infrastructure;

/// <summary>
/// The real executable (the built DialogPlanner.Web.dll) serving on a free port of 127.0.0.1, as an operator runs
/// each instance: its settings in environment variables, its output kept for the failure message.
/// </summary>
public sealed partial class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private AppProcess(TestDatabase database, IReadOnlyDictionary<string, string?> settings)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = AppContext.BaseDirectory };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "DialogPlanner.Web.dll"), "--urls", "http://127.0.0.1:0" }) start.ArgumentList.Add(arg);
        start.Environment["DOTNET_ENVIRONMENT"] = start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Database__Provider"] = database.Provider;
        start.Environment["ConnectionStrings__DialogPlanner"] = database.ConnectionString;
        start.Environment["Photos__Path"] = PhotoPath;
        // Production asks administrators and organisers to enrol in two-factor sign-in first; these tests are about instances.
        start.Environment["Security__RequireTwoFactor"] = "";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information";
        foreach (var (key, value) in settings) start.Environment[key.Replace(":", "__")] = value;
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, e) =>
        {
            lock (_log) _log.AppendLine(e.Data);
            if (e.Data is not null && ListeningOn().Match(e.Data) is { Success: true } m) _listening.TrySetResult(new Uri(m.Groups[1].Value));
        };
        _process.ErrorDataReceived += (_, e) => { lock (_log) _log.AppendLine(e.Data); };
        _process.Exited += (_, _) => _listening.TrySetException(new InvalidOperationException($"The app stopped before it listened:\n{Log}"));
        _process.EnableRaisingEvents = true;
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public Uri Address { get; private set; } = null!;
    public int Id => _process.Id;
    public string PhotoPath { get; } = Path.Combine(Path.GetTempPath(), $"dialogplanner-photos-{Guid.NewGuid():N}");

    public string Log
    {
        get
        {
            lock (_log) return _log.ToString();
        }
    }

    /// <summary>The prefix of the claims and leases this process writes (<c>DialogPlanner.Web.Jobs.Instance</c>).</summary>
    public string InstancePrefix => $"{Environment.MachineName}/{_process.Id}/";

    /// <summary>Starts the app and returns once it listens (migrations, administrator and jobs are started by then).</summary>
    public static async Task<AppProcess> StartAsync(TestDatabase database, IReadOnlyDictionary<string, string?> settings)
    {
        var app = new AppProcess(database, settings);
        try
        {
            app.Address = await app._listening.Task.WaitAsync(TimeSpan.FromSeconds(120));
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
        return app;
    }

    /// <summary>Kills the process the hard way (SIGKILL): nothing of it runs after this, as in a crash or an OOM kill.</summary>
    public async Task KillAsync()
    {
        using (var kill = Process.Start("kill", ["-KILL", _process.Id.ToString()])) await kill.WaitForExitAsync();
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        if (Directory.Exists(PhotoPath)) Directory.Delete(PhotoPath, recursive: true);
    }

    // Plain or JSON console output (then the address ends at the closing quote).
    [GeneratedRegex(@"Now listening on: (http://[^\s""]+)")]
    private static partial Regex ListeningOn();
}
