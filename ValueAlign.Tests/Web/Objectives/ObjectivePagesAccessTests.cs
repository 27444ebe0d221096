using ValueAlign.Core.Accounts;
using ValueAlign.Tests.Support;
using ValueAlign.Tests.Web.Benchmarks;

namespace ValueAlign.Tests.Web.Objectives;

/// <summary>
/// Over real HTTP: every signed-in role reads the objectives list and an objective; only Curators
/// and Admins open the page that creates one (the read-only view is covered by the bUnit tests).
/// </summary>
public sealed class ObjectivePagesAccessTests(LibraryServerFixture fixture) : IClassFixture<LibraryServerFixture>
{
    [Theory]
    [InlineData(Roles.Admin, "/objectives/new", true)]
    [InlineData(Roles.Curator, "/objectives/new", true)]
    [InlineData(Roles.Annotator, "/objectives/new", false)]
    [InlineData(Roles.Viewer, "/objectives/new", false)]
    [InlineData(Roles.Viewer, "/objectives", true)]
    [InlineData(Roles.Annotator, "/objectives", true)]
    [InlineData(Roles.Viewer, "/objectives/1", true)]
    public async Task Each_role_reaches_exactly_its_objective_pages(string role, string page, bool allowed)
    {
        var (client, _) = await fixture.SignedInAsync(role);
        using var _c = client;
        var response = await client.GetAsync(page);
        AccessAssert.ReachedOrDenied(response, allowed);
    }
}
