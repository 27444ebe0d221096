using Bunit;
using MudBlazor.Services;
using ValueAlign.Core.Accounts;
using ValueAlign.Web.Components.Layout;

namespace ValueAlign.Tests.Web.Objectives;

public sealed class ObjectivesNavTests
{
    [Theory]
    [InlineData(Roles.Admin)]
    [InlineData(Roles.Viewer)]
    public async Task Every_role_sees_the_objectives_link(string role)
    {
        await using var ctx = new BunitContext();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        ctx.Services.AddMudServices();
        var auth = ctx.AddAuthorization();
        auth.SetAuthorized("someone@example.org");
        auth.SetRoles(role);

        var menu = ctx.Render<NavMenu>();

        Assert.Equal("Objectives", menu.Find("a[href='/objectives']").TextContent.Trim());
    }
}
