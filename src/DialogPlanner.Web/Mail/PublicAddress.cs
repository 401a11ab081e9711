using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace DialogPlanner.Web.Mail;

/// <summary>
/// The address links in e-mail start with. Mail written by a background job has no request to take
/// it from, so production sets <c>App:BaseUrl</c>; without it a request's own address is used, then
/// the address the server listens on.
/// </summary>
public sealed class PublicAddress(IConfiguration config, IHttpContextAccessor http, IServer server)
{
    public const string ConfigurationKey = "App:BaseUrl";

    public string BaseUrl
    {
        get
        {
            if (config[ConfigurationKey] is { Length: > 0 } configured) return configured.Trim().TrimEnd('/');
            if (http.HttpContext?.Request is { Host.HasValue: true } request) return $"{request.Scheme}://{request.Host}";
            var listening = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
            return (listening ?? "http://localhost").Replace("://0.0.0.0", "://localhost").Replace("://[::]", "://localhost")
                .Replace("://+", "://localhost").Replace("://*", "://localhost").TrimEnd('/');
        }
    }
}
