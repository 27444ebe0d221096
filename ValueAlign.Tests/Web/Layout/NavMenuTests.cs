using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using ValueAlign.Core.Accounts;
using ValueAlign.Web.Components.Layout;

namespace ValueAlign.Tests.Web.Layout;

public class NavMenuTests
{
    private static string[] LinkTexts(IRenderedComponent<NavMenu> menu) =>
        menu.FindAll("a").Select(a => a.TextContent.Trim()).ToArray();

    [Theory]
    [InlineData(Roles.Curator)]
    [InlineData(Roles.Annotator)]
    [InlineData(Roles.Viewer)]
    public async Task Non_admins_see_value_systems_but_not_users(string role)
    {
        await using var ctx = new BunitContext();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        ctx.Services.AddMudServices();
        var auth = ctx.AddAuthorization();
        auth.SetAuthorized("someone@example.org");
        auth.SetWorkbenchRoles(role);

        var menu = ctx.Render<NavMenu>();

        Assert.Contains("Value systems", LinkTexts(menu));
        Assert.DoesNotContain("Users", LinkTexts(menu));
        Assert.NotNull(menu.Find("a[href='/value-systems']"));
        Assert.Contains("Benchmarks", LinkTexts(menu));
        Assert.NotNull(menu.Find("a[href='/benchmarks']"));
        Assert.Contains("Projects", LinkTexts(menu));
        Assert.NotNull(menu.Find("a[href='/projects']"));
        Assert.Equal("Objectives", menu.Find("a[href='/objectives']").TextContent.Trim());
    }

    [Fact]
    public async Task Admin_sees_value_systems_and_users()
    {
        await using var ctx = new BunitContext();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        ctx.Services.AddMudServices();
        var auth = ctx.AddAuthorization();
        auth.SetAuthorized("admin@example.org");
        auth.SetWorkbenchRoles(Roles.Admin);

        var menu = ctx.Render<NavMenu>();

        Assert.Contains("Value systems", LinkTexts(menu));
        Assert.Contains("Users", LinkTexts(menu));
        Assert.NotNull(menu.Find("a[href='/admin/users']"));
        Assert.NotNull(menu.Find("a[href='/projects']"));
    }

    [Theory]
    [InlineData(Roles.Admin, true)]
    [InlineData(Roles.Curator, true)]
    [InlineData(Roles.Annotator, false)]
    [InlineData(Roles.Viewer, false)]
    public async Task Counterfactuals_link_is_shown_to_the_roles_that_may_run_the_model(string role, bool shown)
    {
        await using var ctx = new BunitContext();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        ctx.Services.AddMudServices();
        var auth = ctx.AddAuthorization();
        auth.SetAuthorized("someone@example.org");
        auth.SetWorkbenchRoles(role);

        var menu = ctx.Render<NavMenu>();

        Assert.Equal(shown, LinkTexts(menu).Contains("Counterfactuals"));
        Assert.Equal(shown, menu.FindAll("a[href='/counterfactuals']").Count == 1);
    }

    [Theory]
    [InlineData(Roles.Admin, true)]
    [InlineData(Roles.Curator, true)]
    [InlineData(Roles.Annotator, false)]
    [InlineData(Roles.Viewer, false)]
    public async Task Preference_data_link_is_shown_to_the_roles_that_may_start_runs(string role, bool shown)
    {
        await using var ctx = new BunitContext();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        ctx.Services.AddMudServices();
        var auth = ctx.AddAuthorization();
        auth.SetAuthorized("someone@example.org");
        auth.SetWorkbenchRoles(role);

        var menu = ctx.Render<NavMenu>();

        Assert.Equal(shown, menu.FindAll("a[href='/preference-data']").Count == 1);
    }
}
