using Microsoft.AspNetCore.HttpOverrides;

namespace ValueAlign.Web.Hosting;

/// <summary>
/// Running behind a TLS-terminating reverse proxy. With <c>ReverseProxy:Enabled</c> the
/// X-Forwarded-For/-Proto/-Host headers of the proxies in <c>ReverseProxy:KnownProxies</c>
/// (comma-separated addresses; default loopback) are honoured, so the app sees https: cookies are
/// then Secure, and HSTS is sent on every https response (outside Development). <c>AllowedHosts</c>
/// (semicolon-separated) limits the Host header, forwarded or not.
/// </summary>
public static class ReverseProxySupport
{
    public static IServiceCollection AddReverseProxySupport(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            options.ForwardLimit = 1;
            var proxies = (configuration["ReverseProxy:KnownProxies"] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (proxies.Length > 0)
            {
                options.KnownProxies.Clear();
                foreach (var proxy in proxies)
                {
                    options.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
                }
            }
            var hosts = (configuration["AllowedHosts"] ?? "*").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (!hosts.Contains("*"))
            {
                options.AllowedHosts = hosts;
            }
        });
        services.AddHsts(options =>
        {
            options.MaxAge = TimeSpan.FromDays(365);
            // Behind a proxy the public host name decides; loopback is never reached over TLS directly.
            options.ExcludedHosts.Clear();
        });
        // Antiforgery's cookie follows the request like the sign-in cookie: Secure over https.
        services.AddAntiforgery(options => options.Cookie.SecurePolicy = Microsoft.AspNetCore.Http.CookieSecurePolicy.SameAsRequest);
        return services;
    }

    public static WebApplication UseReverseProxySupport(this WebApplication app)
    {
        if (app.Configuration.GetValue("ReverseProxy:Enabled", false))
        {
            app.UseForwardedHeaders();
        }
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }
        return app;
    }
}
