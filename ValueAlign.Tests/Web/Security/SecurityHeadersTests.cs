using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ValueAlign.Core.Dashboards;
using ValueAlign.Core.Data;
using ValueAlign.Core.Accounts;
using ValueAlign.Tests.Dashboards;
using ValueAlign.Tests.Support;
using ValueAlign.Tests.Web.Benchmarks;

namespace ValueAlign.Tests.Web.Security;

/// <summary>Content-Security-Policy, nosniff, Referrer-Policy and frame-ancestors 'none' on pages, downloads, media and the shared view (real HTTP).</summary>
public sealed class SecurityHeadersTests(LibraryServerFixture fixture) : IClassFixture<LibraryServerFixture>
{
    private static string Csp(HttpResponseMessage response) =>
        Assert.Single(response.Headers.GetValues("Content-Security-Policy"));

    // script-src, or default-src where a policy has none (media: default-src 'none').
    private static string ScriptSources(string csp)
    {
        var directives = csp.Split(';').Select(d => d.Trim()).ToList();
        return directives.FirstOrDefault(d => d.StartsWith("script-src ", StringComparison.Ordinal))
            ?? directives.Single(d => d.StartsWith("default-src ", StringComparison.Ordinal));
    }

    private static void AssertHardened(HttpResponseMessage response, string what)
    {
        var csp = Csp(response);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.DoesNotContain("'unsafe-inline'", ScriptSources(csp));
        Assert.DoesNotContain("'unsafe-eval'", csp);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.True(response.Headers.Contains("Referrer-Policy"), $"{what}: no Referrer-Policy");
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
    }

    [Fact]
    public async Task Pages_signed_in_or_not_carry_the_app_policy()
    {
        using var anonymous = fixture.Server.CreateClient();
        var login = await anonymous.GetAsync("/account/login");
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        AssertHardened(login, "sign-in page");
        Assert.Contains("script-src 'self'", Csp(login));

        var (viewer, _) = await fixture.SignedInAsync(Roles.Viewer);
        using var _v = viewer;
        foreach (var page in new[] { "/", "/benchmarks", "/value-systems", "/no/such/page" })
        {
            var response = await viewer.GetAsync(page);
            AssertHardened(response, page);
            // The app writes no inline script at all, so none needs an exception.
            var html = await response.Content.ReadAsStringAsync();
            Assert.DoesNotMatch(new Regex("<script>(?!</script>)", RegexOptions.IgnoreCase), html);
        }
    }

    [Fact]
    public async Task Downloads_and_media_carry_the_headers()
    {
        var (viewer, _) = await fixture.SignedInAsync(Roles.Viewer);
        using var _v = viewer;
        var export = await viewer.GetAsync("/benchmarks/export?format=csv");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        AssertHardened(export, "library export");

        var media = await viewer.GetAsync("/media/ok.png");
        Assert.Equal(HttpStatusCode.OK, media.StatusCode);
        AssertHardened(media, "media file");
        Assert.Contains("sandbox", Csp(media));
    }

    [Fact]
    public async Task The_shared_view_allows_exactly_its_own_inline_script_by_hash()
    {
        await using var services = WorkbenchServices.ForSqliteFile(fixture.Server.DatabasePath);
        var factory = services.GetRequiredService<IDbContextFactory<ValueAlignDbContext>>();
        var run = await SampleRuns.InsertAsync(factory, "headers run");
        var dashboards = new DashboardService(factory, new RunReportReader(factory), TimeProvider.System);
        var dashboard = await dashboards.CreateAsync("Headers", "", "curator@example.org");
        await dashboards.AddPanelAsync(dashboard.Id, run.Id, "acc-country");
        var link = await dashboards.ShareAsync(dashboard.Id, "curator@example.org");

        using var anonymous = fixture.Server.CreateClient();
        var response = await anonymous.GetAsync(link.RelativeUrl);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertHardened(response, "shared view");
        var csp = Csp(response);
        Assert.Contains("connect-src 'none'", csp);
        var html = await response.Content.ReadAsStringAsync();
        var inline = Regex.Matches(html, "<script>(.*?)</script>", RegexOptions.Singleline).Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(inline);
        foreach (var script in inline)
        {
            Assert.Contains($"'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(script)))}'", ScriptSources(csp));
        }

        var missing = await anonymous.GetAsync("/shared/no-such-token");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        AssertHardened(missing, "shared view (unknown link)");
    }
}
