using System.Net;
using ValueAlign.Core.Accounts;
using ValueAlign.Tests.Support;

namespace ValueAlign.Tests.Web.Benchmarks;

/// <summary>Who may open the browser and the import page, over real HTTP.</summary>
public sealed class BenchmarkPagesAccessTests(LibraryServerFixture fixture) : IClassFixture<LibraryServerFixture>
{
    [Theory]
    [InlineData(Roles.Admin, "/benchmarks/import", true)]
    [InlineData(Roles.Curator, "/benchmarks/import", true)]
    [InlineData(Roles.Annotator, "/benchmarks/import", false)]
    [InlineData(Roles.Viewer, "/benchmarks/import", false)]
    [InlineData(Roles.Viewer, "/benchmarks", true)]
    [InlineData(Roles.Annotator, "/benchmarks?country=Japan", true)]
    public async Task Each_role_reaches_exactly_its_benchmark_pages(string role, string page, bool allowed)
    {
        var (client, _) = await fixture.SignedInAsync(role);
        using var _c = client;
        var response = await client.GetAsync(page);
        AccessAssert.ReachedOrDenied(response, allowed);
    }

    [Fact]
    public async Task Anonymous_visitors_are_sent_to_sign_in()
    {
        using var client = fixture.Server.CreateClient();
        var response = await client.GetAsync("/benchmarks");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/login", response.Headers.Location!.AbsolutePath);
    }
}
