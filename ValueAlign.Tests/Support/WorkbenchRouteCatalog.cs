using System.Reflection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Routing;
using ValueAlign.Core.Accounts;
using ValueAlign.Web.Hosting;

namespace ValueAlign.Tests.Support;

/// <summary>One route of the workbench and the authorization rule it carries.</summary>
/// <param name="Pattern">The route template, e.g. <c>/runs/{RunId:long}</c>.</param>
/// <param name="Methods">HTTP methods it answers (empty: any).</param>
/// <param name="Policies">Named policies (<see cref="WorkbenchPolicies"/>) on it, all of which must pass.</param>
/// <param name="UnnamedRules">Authorize data that bypasses the named policies (<c>Roles=</c>, unknown policy names).</param>
/// <param name="AllowsAnonymous">True when the route opts out of authorization.</param>
/// <param name="IsStaticAsset">A file served by MapStaticAssets (css, js, icons).</param>
/// <param name="Source">Where the route comes from (component type or endpoint display name).</param>
/// <param name="AuthenticationSchemes">Schemes the route authenticates with instead of the sign-in cookie (the served API's "ApiKey").</param>
public sealed record WorkbenchRoute(
    string Pattern,
    IReadOnlyList<string> Methods,
    IReadOnlyList<string> Policies,
    IReadOnlyList<string> UnnamedRules,
    bool AllowsAnonymous,
    bool IsStaticAsset,
    string Source,
    IReadOnlyList<string>? AuthenticationSchemes = null)
{
    /// <summary>True for routes that take API keys only (the served /v1 API): a sign-in cookie opens nothing there.</summary>
    public bool ApiKeyOnly => AuthenticationSchemes is { Count: > 0 } schemes && schemes.All(s => s == ValueAlign.Web.Hosting.ApiKeyAuthenticationHandler.SchemeName);

    public bool AnswersGet => Methods.Count == 0 || Methods.Contains("GET");
}

/// <summary>
/// Every route of the real app: the endpoint data sources of the composed host (built in-process
/// as <see cref="WorkbenchWebApp.Build"/> builds it, never started) and every routable component of
/// the web assembly. Used by the route rule and role × route matrix tests.
/// </summary>
public static class WorkbenchRouteCatalog
{
    private static readonly Lazy<IReadOnlyList<WorkbenchRoute>> Endpoints = new(ReadEndpoints);

    public static IReadOnlyList<WorkbenchRoute> FromEndpoints() => Endpoints.Value;

    /// <summary>Components with <c>@page</c>, one entry per template, with the rules declared on the type.</summary>
    public static IReadOnlyList<WorkbenchRoute> FromRoutableComponents() =>
        typeof(WorkbenchWebApp).Assembly.GetTypes()
            .Where(t => typeof(IComponent).IsAssignableFrom(t))
            .SelectMany(t => t.GetCustomAttributes<RouteAttribute>().Select(r => Describe(r.Template, [], t.GetCustomAttributes(true), false, t.FullName!)))
            .ToList();

    private static IReadOnlyList<WorkbenchRoute> ReadEndpoints()
    {
        using var temp = new TempDirectory();
        var app = WorkbenchWebApp.Build(
        [
            "--Database:Provider=Sqlite",
            $"--Database:ConnectionString=Data Source={temp.File("routes.db")}",
            $"--Paths:Keys={temp.File("keys")}",
            "--Logging:LogLevel:Default=Warning",
        ]);
        var routes = ((IEndpointRouteBuilder)app).DataSources
            .SelectMany(s => s.Endpoints)
            .OfType<RouteEndpoint>()
            .Select(e => Describe(
                "/" + (e.RoutePattern.RawText ?? "").TrimStart('/'),
                e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.ToList() ?? [],
                e.Metadata,
                e.Metadata.Any(m => m.GetType().Name == "StaticAssetDescriptor"),
                e.DisplayName ?? e.RoutePattern.RawText ?? "?"))
            .ToList();
        (app as IDisposable)?.Dispose();
        return routes;
    }

    private static WorkbenchRoute Describe(string pattern, IReadOnlyList<string> methods, IEnumerable<object> metadata, bool isStaticAsset, string source)
    {
        var items = metadata.ToList();
        var authorize = items.OfType<IAuthorizeData>().ToList();
        var named = authorize.Where(a => a.Policy is { } p && WorkbenchPolicies.All.Contains(p) && string.IsNullOrEmpty(a.Roles)).Select(a => a.Policy!).Distinct().ToList();
        // A bare [Authorize] (the pages' _Imports default) only demands a signed-in account: not a rule by itself, not a fault.
        var unnamed = authorize
            .Where(a => a.Policy is not null || !string.IsNullOrEmpty(a.Roles))
            .Where(a => !(a.Policy is { } p && WorkbenchPolicies.All.Contains(p)) || !string.IsNullOrEmpty(a.Roles))
            .Select(a => a.Roles is { Length: > 0 } roles ? $"Roles={roles}" : a.Policy is { } p ? $"Policy={p}" : "[Authorize] without a policy")
            .ToList();
        var schemes = authorize.Where(a => !string.IsNullOrEmpty(a.AuthenticationSchemes))
            .SelectMany(a => a.AuthenticationSchemes!.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).Distinct().ToList();
        return new WorkbenchRoute(pattern, methods, named, unnamed, items.OfType<IAllowAnonymous>().Any(), isStaticAsset, source, schemes);
    }
}
