using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using ValueAlign.Core.Accounts;
using ValueAlign.Tests.Support;
using ValueAlign.Web.Hosting;

namespace ValueAlign.Tests.Web.Security;

/// <summary>
/// Every route of the app (endpoint data sources and routable components) carries an explicit
/// rule: a named <see cref="WorkbenchPolicies"/> policy, or a place on the reviewed list of public
/// routes below. A route added without one fails here with the fix in the message.
/// </summary>
public sealed class RouteRulesTests
{
    /// <summary>Routes anyone may reach, each with the reason. Adding one needs a reason a reviewer accepts.</summary>
    public static readonly IReadOnlyDictionary<string, string> PublicRoutes = new Dictionary<string, string>
    {
        ["/account/login"] = "the sign-in form and its post",
        ["/account/logout"] = "signing out needs no role",
        ["/account/setup"] = "the first-admin form post (refused once an admin exists)",
        ["/setup"] = "the first-admin page (refused once an admin exists)",
        ["/account/access-denied"] = "explains a refusal",
        ["/error"] = "the error page",
        ["/status/{Code:int}"] = "explains 404/403/400 answers",
        ["/shared/{token}"] = "the read-only dashboard for holders of a live share link",
    };

    /// <summary>
    /// Framework routes that carry no workbench data: Blazor's circuit transport (every component it
    /// renders is authorized by AuthorizeRouteView with the page's policy), its redirect helper, and the
    /// static-file fallback that serves wwwroot-assets (styles the sign-in page needs).
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> FrameworkRoutes = new Dictionary<string, string>
    {
        ["/_blazor"] = "Blazor circuit hub",
        ["/_blazor/negotiate"] = "Blazor circuit hub negotiation",
        ["/_blazor/initializers/"] = "Blazor JS initializers list",
        ["/_blazor/disconnect/"] = "Blazor circuit disconnect beacon",
        ["/_framework/opaque-redirect"] = "Blazor enhanced-navigation redirect helper",
        ["/{**path:file}"] = "static files of wwwroot-assets (css, js, icons)",
    };

    public static bool IsFrameworkTransport(WorkbenchRoute route) => FrameworkRoutes.ContainsKey(route.Pattern);

    private const string Fix =
        "add a named policy from ValueAlign.Core/Accounts/WorkbenchPolicies.cs: [Authorize(Policy = WorkbenchPolicies.X)] on a page, " +
        ".RequireAuthorization(WorkbenchPolicies.X) on an endpoint (or, for a truly public route, [AllowAnonymous] and an entry with its reason in RouteRulesTests.PublicRoutes)";

    [Fact]
    public void Every_endpoint_has_an_explicit_rule()
    {
        var routes = WorkbenchRouteCatalog.FromEndpoints();
        Assert.True(routes.Count(r => !r.IsStaticAsset) > 20, $"Only {routes.Count} routes enumerated: the catalogue lost the endpoint data sources.");
        var missing = routes
            .Where(r => !r.IsStaticAsset && !IsFrameworkTransport(r) && r.Policies.Count == 0 && !(r.AllowsAnonymous && PublicRoutes.ContainsKey(r.Pattern)))
            .Select(r => $"{string.Join(",", r.Methods)} {r.Pattern} ({r.Source})")
            .Distinct()
            .ToList();
        Assert.True(missing.Count == 0, $"Routes without an authorization rule: {string.Join("; ", missing)}. Fix: {Fix}.");
    }

    [Fact]
    public void Every_routable_component_has_an_explicit_rule()
    {
        var pages = WorkbenchRouteCatalog.FromRoutableComponents();
        Assert.NotEmpty(pages);
        var missing = pages
            .Where(r => r.Policies.Count == 0 && !(r.AllowsAnonymous && PublicRoutes.ContainsKey(r.Pattern)))
            .Select(r => $"{r.Pattern} ({r.Source})")
            .ToList();
        Assert.True(missing.Count == 0, $"Pages without an authorization rule: {string.Join("; ", missing)}. Fix: {Fix}.");
    }

    [Fact]
    public void No_route_uses_role_lists_or_unknown_policies()
    {
        var bad = WorkbenchRouteCatalog.FromEndpoints().Concat(WorkbenchRouteCatalog.FromRoutableComponents())
            .Where(r => r.UnnamedRules.Count > 0)
            .Select(r => $"{r.Pattern} ({r.Source}): {string.Join(", ", r.UnnamedRules)}")
            .Distinct()
            .ToList();
        Assert.True(bad.Count == 0, $"Rules outside the named policies: {string.Join("; ", bad)}. Use a WorkbenchPolicies name instead of Roles=.");
    }

    [Fact]
    public void Anonymous_routes_are_exactly_the_reviewed_public_ones()
    {
        var routes = WorkbenchRouteCatalog.FromEndpoints();
        var anonymous = routes.Where(r => r.AllowsAnonymous && !r.IsStaticAsset).Select(r => r.Pattern).ToHashSet();
        Assert.Empty(anonymous.Except(PublicRoutes.Keys));
        // The list must not rot: every reviewed public route still exists and is still public.
        Assert.Empty(PublicRoutes.Keys.Except(anonymous));
        // A static asset never carries data: only files from the build's static web assets are public that way.
        Assert.All(routes.Where(r => r.IsStaticAsset), r => Assert.True(r.AllowsAnonymous, r.Pattern));
    }

    [Theory]
    [InlineData("/runs/{id:long}/results.{format:regex(^(csv|json)$)}")]
    [InlineData("/runs/{id:long}/export.html")]
    [InlineData("/runs/compare")]
    [InlineData("/runs/{runId:long}/artefacts/{name}")]
    [InlineData("/runs")]
    [InlineData("/dashboards")]
    [InlineData("/dashboards/{Id:long}")]
    [InlineData("/dashboards/{id:long}/export.html")]
    public void Run_data_follows_the_run_pages_rule(string pattern)
    {
        var routes = WorkbenchRouteCatalog.FromEndpoints();
        var runPage = Assert.Single(routes, r => r.Pattern == "/runs/{RunId:long}");
        Assert.Equal([WorkbenchPolicies.RunRead], runPage.Policies);
        var route = Assert.Single(routes, r => r.Pattern == pattern);
        Assert.Equal(runPage.Policies, route.Policies);
    }

    [Fact]
    public async Task Every_policy_is_registered_with_exactly_its_roles()
    {
        var services = new ServiceCollection().AddLogging().AddWorkbenchAuthorization().BuildServiceProvider();
        var provider = services.GetRequiredService<IAuthorizationPolicyProvider>();
        foreach (var name in WorkbenchPolicies.All)
        {
            var policy = await provider.GetPolicyAsync(name);
            Assert.NotNull(policy);
            var roles = Assert.Single(policy.Requirements.OfType<RolesAuthorizationRequirement>());
            Assert.Equal(WorkbenchPolicies.RolesOf(name).Order(), roles.AllowedRoles.Order());
            Assert.Single(policy.Requirements.OfType<DenyAnonymousAuthorizationRequirement>());
        }
    }
}
