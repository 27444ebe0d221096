using ValueAlign.Core.Accounts;
using ValueAlign.Tests.Support;
using ValueAlign.Tests.Web.Benchmarks;

namespace ValueAlign.Tests.Web.Annotate;

/// <summary>Annotators, curators and admins may open an annotate page; viewers may not (real HTTP).</summary>
public sealed class AnnotatePageAccessTests(LibraryServerFixture fixture) : IClassFixture<LibraryServerFixture>
{
    [Theory]
    [InlineData(Roles.Annotator, true)]
    [InlineData(Roles.Curator, true)]
    [InlineData(Roles.Admin, true)]
    [InlineData(Roles.Viewer, false)]
    public async Task Each_role_reaches_the_annotate_page_or_is_denied(string role, bool allowed)
    {
        var (client, _) = await fixture.SignedInAsync(role);
        using var _c = client;
        AccessAssert.ReachedOrDenied(await client.GetAsync("/annotate/1"), allowed);
    }
}
