using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace DialogPlanner.Web.Mail;

/// <summary>
/// The address every link in e-mail starts with. Mail written by a background job has no request to take
/// it from, so production sets <c>Email:PublicUrl</c> (required with SMTP, see MailSettingsValidation);
/// without it a request's own address is used, then the address the server listens on.
/// </summary>
public sealed class PublicAddress(IOptions<MailSettings> settings, IHttpContextAccessor http, IServer server)
{
    public string BaseUrl
    {
        get
        {
            if (settings.Value.PublicUrl is { Length: > 0 } configured) return configured.Trim().TrimEnd('/');
            if (http.HttpContext?.Request is { Host.HasValue: true } request) return $"{request.Scheme}://{request.Host}";
            var listening = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
            return (listening ?? "http://localhost").Replace("://0.0.0.0", "://localhost").Replace("://[::]", "://localhost")
                .Replace("://+", "://localhost").Replace("://*", "://localhost").TrimEnd('/');
        }
    }
}
