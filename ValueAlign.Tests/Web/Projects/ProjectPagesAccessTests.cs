using ValueAlign.Core.Accounts;
using ValueAlign.Tests.Support;
using ValueAlign.Tests.Web.Benchmarks;

namespace ValueAlign.Tests.Web.Projects;

/// <summary>Who may open the project pages, over real HTTP against the running workbench.</summary>
public sealed class ProjectPagesAccessTests(LibraryServerFixture fixture) : IClassFixture<LibraryServerFixture>
{
    public static TheoryData<string, string, bool> RolePageMatrix()
    {
        var data = new TheoryData<string, string, bool>();
        foreach (var role in Roles.All)
        {
            var manages = role is Roles.Admin or Roles.Curator;
            data.Add(role, "/projects", true);
            data.Add(role, "/projects/new", manages);
            data.Add(role, "/projects/1/edit", manages);
            data.Add(role, "/projects/1", manages);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(RolePageMatrix))]
    public async Task Each_role_reaches_exactly_its_project_pages(string role, string page, bool allowed)
    {
        var (client, _) = await fixture.SignedInAsync(role);
        using var _c = client;
        var response = await client.GetAsync(page);
        AccessAssert.ReachedOrDenied(response, allowed);
    }
}
