using System.Net;
using System.Text.RegularExpressions;
using ValueAlign.Core.Accounts;
using ValueAlign.Tests.Support;
using ValueAlign.Tests.Web.Benchmarks;
using Xunit.Abstractions;

namespace ValueAlign.Tests.Web.Security;

/// <summary>
/// Every GET route of the app (enumerated, not listed by hand) requested over real HTTP by an Admin,
/// a Curator, an Annotator, a Viewer and a signed-out client; the expected answer comes from the
/// route's named policy. A route added later with a policy is covered automatically; one without a
/// policy fails here (and in <see cref="RouteRulesTests"/>) asking for one.
/// </summary>
public sealed partial class RoleRouteMatrixTests(LibraryServerFixture fixture, ITestOutputHelper output) : IClassFixture<LibraryServerFixture>
{
    private const string SignedOut = "signed out";

    // Values for route parameters by name; any other parameter gets "1" (an id that may not exist:
    // a 404 from the handler still proves authorization let the request through).
    private static readonly Dictionary<string, string> ParameterValues = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Code"] = "404",
        ["token"] = "no-such-share-token",
        ["path"] = "ok.png",
        ["format"] = "csv",
    };

    [Fact]
    public async Task Every_role_gets_exactly_what_each_routes_policy_allows()
    {
        var routes = WorkbenchRouteCatalog.FromEndpoints()
            .Where(r => r.AnswersGet && !r.IsStaticAsset && !RouteRulesTests.IsFrameworkTransport(r))
            .GroupBy(r => r.Pattern)
            .Select(g => g.First())
            .OrderBy(r => r.Pattern, StringComparer.Ordinal)
            .ToList();
        var unruled = routes.Where(r => r.Policies.Count == 0 && !RouteRulesTests.PublicRoutes.ContainsKey(r.Pattern)).Select(r => r.Pattern).ToList();
        Assert.True(unruled.Count == 0,
            $"Routes without a named policy: {string.Join(", ", unruled)}. Add [Authorize(Policy = WorkbenchPolicies.X)] or .RequireAuthorization(WorkbenchPolicies.X) (ValueAlign.Core/Accounts/WorkbenchPolicies.cs).");

        var clients = new Dictionary<string, HttpClient> { [SignedOut] = fixture.Server.CreateClient() };
        foreach (var role in Roles.All)
        {
            clients[role] = (await fixture.SignedInAsync(role)).Client;
        }
        var failures = new List<string>();
        var requests = 0;
        try
        {
            foreach (var route in routes)
            {
                var url = Fill(route.Pattern);
                foreach (var (who, client) in clients)
                {
                    requests++;
                    using var response = await client.GetAsync(url);
                    var verdict = Judge(route, who, response);
                    if (verdict is not null)
                    {
                        failures.Add($"{who} GET {url} [{string.Join(",", route.Policies)}]: {verdict}");
                    }
                }
            }
        }
        finally
        {
            foreach (var client in clients.Values)
            {
                client.Dispose();
            }
        }
        output.WriteLine($"Role × route matrix: {routes.Count} GET routes, {routes.Count(r => r.Policies.Count > 0)} under named policies, " +
                         $"{routes.Count(r => r.Policies.Count == 0)} public, {clients.Count} identities, {requests} requests.");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.True(routes.Count >= 30, $"Only {routes.Count} GET routes were enumerated.");
    }

    private static string? Judge(WorkbenchRoute route, string who, HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        var location = response.Headers.Location?.OriginalString ?? "";
        var toLogin = response.StatusCode == HttpStatusCode.Redirect && location.Contains("/account/login", StringComparison.Ordinal);
        var toDenied = response.StatusCode == HttpStatusCode.Redirect && location.Contains("/account/access-denied", StringComparison.Ordinal);
        if (status >= 500)
        {
            return $"server error {status}";
        }
        if (route.Policies.Count == 0)
        {
            // Public: nobody is refused (a signed-in user may be sent on, e.g. from /setup).
            return toDenied || status is 401 or 403 ? $"refused a public route ({status} {location})" : null;
        }
        if (route.ApiKeyOnly)
        {
            // The served API takes personal API keys only (tested per role in ServedApiHttpTests): no cookie opens it.
            return status == 401 ? null : $"an API-key route answered {status} to a request without a key";
        }
        if (who == SignedOut)
        {
            return toLogin ? null : $"expected a redirect to sign-in, got {status} {location}";
        }
        var allowed = route.Policies.All(p => WorkbenchPolicies.Allows(Principal(who), p));
        if (allowed)
        {
            return toLogin || toDenied || status is 401 or 403 ? $"refused although allowed ({status} {location})" : null;
        }
        return toDenied ? null : $"expected access denied, got {status} {location}";
    }

    private static System.Security.Claims.ClaimsPrincipal Principal(string role) =>
        new(new System.Security.Claims.ClaimsIdentity([new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.Role, role)], "test"));

    private static string Fill(string pattern) =>
        RouteParameter().Replace(pattern, m => ParameterValues.GetValueOrDefault(m.Groups[1].Value, "1"));

    [GeneratedRegex(@"\{\**([A-Za-z_][A-Za-z0-9_]*)[^}]*\}")]
    private static partial Regex RouteParameter();
}
