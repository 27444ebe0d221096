using ValueAlign.Core.Accounts;
using ValueAlign.Tests.Support;
using ValueAlign.Tests.Web.Benchmarks;

namespace ValueAlign.Tests.Web.Runs;

/// <summary>Who may open the runs pages, over real HTTP: viewers look, curators and admins start runs, annotators are refused.</summary>
public sealed class RunPagesAccessTests(LibraryServerFixture fixture) : IClassFixture<LibraryServerFixture>
{
    [Theory]
    [InlineData(Roles.Admin, "/runs", true)]
    [InlineData(Roles.Curator, "/runs", true)]
    [InlineData(Roles.Viewer, "/runs", true)]
    [InlineData(Roles.Annotator, "/runs", false)]
    [InlineData(Roles.Admin, "/runs/new", true)]
    [InlineData(Roles.Curator, "/runs/new", true)]
    [InlineData(Roles.Viewer, "/runs/new", false)]
    [InlineData(Roles.Annotator, "/runs/new", false)]
    [InlineData(Roles.Viewer, "/runs/1", true)]
    [InlineData(Roles.Annotator, "/runs/1", false)]
    public async Task Each_role_reaches_exactly_its_runs_pages(string role, string page, bool allowed)
    {
        var (client, _) = await fixture.SignedInAsync(role);
        using var _c = client;
        var response = await client.GetAsync(page);
        AccessAssert.ReachedOrDenied(response, allowed);
    }
}
