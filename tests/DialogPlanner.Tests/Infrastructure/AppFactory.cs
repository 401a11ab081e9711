using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using DialogPlanner.Web.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace DialogPlanner.Tests.Infrastructure;

/// <summary>
/// The whole app in process, on a fresh database of the given provider, with a known administrator;
/// optionally with more settings and in another environment than "Testing".
/// </summary>
public sealed class AppFactory(TestDatabase database, IReadOnlyDictionary<string, string?>? settings = null, string environment = "Testing")
    : WebApplicationFactory<Program>
{
    public const string AdminEmail = "admin@test.example";
    public const string AdminPassword = "Admin-password-1";

    static AppFactory()
    {
        // The apps of the tests watch their files (settings, wwwroot) by polling rather than through inotify: Linux gives
        // a user 128 inotify instances, shared with build servers and other test runs on the machine, and when they run
        // out a page fails with an IOException that has nothing to do with the test.
        Environment.SetEnvironmentVariable("DOTNET_USE_POLLING_FILE_WATCHER", "true");
    }

    public TestDatabase Database { get; } = database;

    /// <summary>Where this app keeps photos: a folder of its own, removed with the app.</summary>
    public string PhotoPath { get; } = Path.Combine(Path.GetTempPath(), $"dialogplanner-photos-{Guid.NewGuid():N}");

    public static async Task<AppFactory> StartAsync(
        string provider, IReadOnlyDictionary<string, string?>? settings = null, string environment = "Testing")
    {
        var factory = new AppFactory(await TestDatabase.CreateAsync(provider), settings, environment);
        _ = factory.Server; // starts the host: migrations and the administrator are in place after this
        return factory;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        builder.UseSetting("Database:Provider", Database.Provider);
        builder.UseSetting("ConnectionStrings:DialogPlanner", Database.ConnectionString);
        builder.UseSetting("Admin:Email", AdminEmail);
        builder.UseSetting("Admin:Password", AdminPassword);
        builder.UseSetting("Photos:Path", PhotoPath);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft.EntityFrameworkCore", "None");
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) builder.UseSetting(key, value);
        // A real PBKDF2 hash with fewer rounds: the default 100,000 cost tens of milliseconds of CPU per hash and per
        // sign-in, and every test creates its administrator and signs people in. What a hash protects is not tested here.
        builder.ConfigureServices(services => services.Configure<PasswordHasherOptions>(o => o.IterationCount = 1_000));
    }

    public AppDbContext CreateDbContext() => Services.CreateScope().ServiceProvider.GetRequiredService<AppDbContext>();

    public HttpClient CreateBrowser() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>A client signed in through the real login form.</summary>
    public async Task<HttpClient> SignInAsync(string email, string password)
    {
        var client = CreateBrowser();
        var response = await client.PostFormAsync("/account/login", new() { ["Email"] = email, ["Password"] = password });
        if (response.StatusCode != HttpStatusCode.Redirect)
            throw new InvalidOperationException($"Sign-in of {email} failed: {(int)response.StatusCode}");
        return client;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Database.DisposeAsync();
        if (Directory.Exists(PhotoPath)) Directory.Delete(PhotoPath, recursive: true);
    }
}

public static class HttpClientFormExtensions
{
    private static readonly HtmlParser Parser = new();

    public static async Task<IHtmlDocument> GetDocumentAsync(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        if (response.StatusCode != HttpStatusCode.OK)
            throw new InvalidOperationException($"GET {url} gave {(int)response.StatusCode}");
        return await response.ReadDocumentAsync();
    }

    public static async Task<IHtmlDocument> ReadDocumentAsync(this HttpResponseMessage response) =>
        await Parser.ParseDocumentAsync(await response.Content.ReadAsStringAsync());

    /// <summary>What a browser would submit for a form as it stands: its fields with their current values, token included.</summary>
    public static List<KeyValuePair<string, string>> FormFields(this IHtmlDocument page, string formSelector)
    {
        var form = page.QuerySelector(formSelector) ?? throw new InvalidOperationException($"No form {formSelector}");
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var el in form.QuerySelectorAll("input[name], select[name], textarea[name]"))
        {
            var name = el.GetAttribute("name")!;
            var type = el.GetAttribute("type");
            if (type is "checkbox" or "radio" && !el.HasAttribute("checked")) continue;
            if (type is "file" or "submit") continue;
            var value = el.LocalName switch
            {
                "select" => (el.QuerySelector("option[selected]") ?? el.QuerySelector("option"))?.GetAttribute("value") ?? "",
                "textarea" => el.TextContent,
                _ => el.GetAttribute("value") ?? (type == "checkbox" ? "on" : ""),
            };
            fields.Add(new(name, value));
        }
        return fields;
    }

    /// <summary>Replaces the value of every field of that name (and adds it when missing).</summary>
    public static List<KeyValuePair<string, string>> With(this List<KeyValuePair<string, string>> fields, string name, string value)
    {
        var index = fields.FindIndex(f => f.Key == name);
        fields.RemoveAll(f => f.Key == name);
        fields.Insert(index < 0 ? fields.Count : index, new(name, value));
        return fields;
    }

    /// <summary>Posts a form the way a browser does: first GET the page for its antiforgery token.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string url, Dictionary<string, string> fields, string? formPage = null)
    {
        var page = await client.GetDocumentAsync(formPage ?? url);
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
                    ?? throw new InvalidOperationException($"No antiforgery token on {formPage ?? url}");
        var body = fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value))
            .Append(new("__RequestVerificationToken", token));
        return await client.PostAsync(url, new FormUrlEncodedContent(body));
    }
}
