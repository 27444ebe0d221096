using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using ValueAlign.Core.Accounts;
using ValueAlign.Core.Values.Objectives;
using ValueAlign.Tests.Values;
using ValueAlign.Web.Components.Pages.Objectives;

namespace ValueAlign.Tests.Web.Objectives;

/// <summary>The objectives list: import with field-named errors, and what each role is offered.</summary>
public sealed class ObjectivesPageTests
{
    [Fact]
    public async Task A_broken_file_is_explained_and_a_valid_one_is_imported_and_opened()
    {
        await using var context = await ObjectivePageContext.CreateAsync("curator@example.org", Roles.Curator);
        var page = context.Bunit.Render<ObjectivesPage>();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=no-objectives]")));

        const string broken = """{"valueSystem": "schwartz-10", "name": "Broken", "priorities": [{"dimension": "power", "priority": 9}]}""";
        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(broken, "broken.json"));
        page.WaitForAssertion(() =>
        {
            var error = page.Find("[data-testid=objectives-error]").TextContent;
            Assert.Contains("broken.json: priorities[0] (power): priority 9 is outside 1..5.", error);
            Assert.Contains("broken.json: Dimension 'benevolence' has no priority.", error);
        });
        Assert.Empty(await context.Database.Store.ListAsync());

        var valid = ValueObjectiveJson.Export(ValueObjective.Uniform(ValueSystemFiles.Shipped.Get("moral-foundations"), 4) with { Name = "Imported" });
        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(valid, "imported.json"));

        var navigation = context.Bunit.Services.GetRequiredService<NavigationManager>();
        var imported = Assert.Single(await context.Database.Store.ListAsync());
        page.WaitForAssertion(() => Assert.EndsWith($"/objectives/{imported.Id}", navigation.Uri));
        Assert.Equal(("Imported", "moral-foundations", "curator@example.org"), (imported.Name, imported.ValueSystemId, imported.CreatedBy));
    }

    [Fact]
    public async Task A_viewer_sees_the_list_without_create_import_or_delete_and_an_owner_may_delete()
    {
        await using var context = await ObjectivePageContext.CreateAsync("viewer@example.org", Roles.Viewer);
        var schwartz = ValueSystemFiles.Shipped.Get("schwartz-10");
        await context.Database.Store.CreateAsync(ValueObjective.Uniform(schwartz, 3) with { Name = "Someone else's" }, "curator@example.org");
        await context.Database.Store.CreateAsync(ValueObjective.Uniform(schwartz, 2) with { Name = "My own" }, "viewer@example.org");

        var page = context.Bunit.Render<ObjectivesPage>();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=objective-row]").Count));
        Assert.Empty(page.FindAll("[data-testid=new-objective]"));
        Assert.Empty(page.FindComponents<InputFile>());
        var deletable = page.FindAll("[data-testid=objective-row]").Where(r => r.QuerySelector("[data-testid=delete-objective]") is not null).ToList();
        Assert.Contains("My own", Assert.Single(deletable).TextContent);
    }
}
