using System.Net;
using DialogPlanner.Tests.Infrastructure;
using DialogPlanner.Web.Data;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace DialogPlanner.BrowserTests.Infrastructure;

/// <summary>
/// The whole app served by Kestrel on a free loopback port, so that a real browser can reach it,
/// on a fresh SQLite database with the known administrator. One per test class.
/// </summary>
public class LiveApp : IAsyncLifetime
{
    private AppFactory? _factory;

    public AppFactory Factory => _factory ?? throw new InvalidOperationException("The app has not started.");
    public string BaseUrl { get; private set; } = "";

    public string Url(string path) => BaseUrl + path;

    /// <summary>0: any free port. A fixed one when the settings must know the app's address beforehand (the links in its mail).</summary>
    protected int ListenPort { get; set; }
    /// <summary>The port to listen on: <see cref="ListenPort"/> unless a subclass decides it before the app starts (for Email:PublicUrl).</summary>
    protected virtual int Port => ListenPort;

    public async Task InitializeAsync()
    {
        _factory = new AppFactory(await TestDatabase.CreateAsync(DatabaseSetup.Sqlite), await SettingsAsync());
        _factory.UseKestrel(o => o.Listen(IPAddress.Loopback, Port));
        _factory.StartServer();
        var addresses = _factory.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>();
        BaseUrl = addresses.Addresses.Single().TrimEnd('/');
        await SeedAsync(_factory);
    }

    /// <summary>The app's settings. By default no tile server for the walk maps: the browser must not reach out of this machine.</summary>
    protected virtual Task<Dictionary<string, string?>> SettingsAsync() =>
        Task.FromResult(new Dictionary<string, string?> { ["Maps:TileUrl"] = "" });

    /// <summary>Data the test class needs beyond the administrator.</summary>
    protected virtual Task SeedAsync(AppFactory app) => Task.CompletedTask;

    public virtual async Task DisposeAsync()
    {
        if (_factory is not null) await _factory.DisposeAsync();
    }
}
