using ValueAlign.Core.Accounts;
using ValueAlign.Tests.Support;
using ValueAlign.Tests.Web.Benchmarks;

namespace ValueAlign.Tests.Web.Projects;

/// <summary>Who may open the agreement and adjudication pages, over real HTTP against the running workbench.</summary>
public sealed class ProjectQualityPagesAccessTests(LibraryServerFixture fixture) : IClassFixture<LibraryServerFixture>
{
    [Theory]
    [InlineData(Roles.Admin, "/projects/1/adjudication", true)]
    [InlineData(Roles.Curator, "/projects/1/adjudication", true)]
    [InlineData(Roles.Annotator, "/projects/1/adjudication", false)]
    [InlineData(Roles.Viewer, "/projects/1/adjudication", false)]
    [InlineData(Roles.Admin, "/projects/1/agreement", true)]
    [InlineData(Roles.Curator, "/projects/1/agreement", true)]
    [InlineData(Roles.Annotator, "/projects/1/agreement", false)]
    [InlineData(Roles.Viewer, "/projects/1/agreement", true)]
    public async Task Each_role_reaches_exactly_its_quality_pages(string role, string page, bool allowed)
    {
        var (client, _) = await fixture.SignedInAsync(role);
        using var _c = client;
        AccessAssert.ReachedOrDenied(await client.GetAsync(page), allowed);
    }
}
