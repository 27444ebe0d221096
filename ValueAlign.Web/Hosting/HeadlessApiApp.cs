using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using ValueAlign.Core.Accounts;
using ValueAlign.Core.Data;

namespace ValueAlign.Web.Hosting;

/// <summary>
/// The workbench's OpenAI-compatible <c>/v1</c> without pages on a free loopback port: accounts
/// (for API keys), the authorization policies, the API's services and rate limiter, and its
/// endpoints. The caller adds the Core services; <see cref="LoopbackWorkbench"/> (bench served)
/// and the tests' served-API host build their servers here, so both serve what the workbench does.
/// </summary>
public static class HeadlessApiApp
{
    /// <summary>
    /// Builds the app. <paramref name="configure"/> adds the Core services (and logging) to the
    /// builder and returns the configuration the API reads its settings from.
    /// </summary>
    public static WebApplication Build(Func<WebApplicationBuilder, IConfiguration> configure)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var configuration = configure(builder);
        builder.Services.AddIdentityCore<AppUser>(CoreServiceCollectionExtensions.ConfigureValueAlignIdentity).AddValueAlignIdentityStores();
        builder.Services.AddWorkbenchAuthorization();
        builder.Services.AddOpenAiApi(configuration);
        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.MapOpenAiEndpoints();
        return app;
    }

    /// <summary>The root URL a started app listens on, e.g. http://127.0.0.1:PORT/.</summary>
    public static Uri ListeningRoot(WebApplication app) =>
        new(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/') + "/");
}
