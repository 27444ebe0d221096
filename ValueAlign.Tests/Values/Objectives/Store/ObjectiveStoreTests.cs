using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ValueAlign.Core.Accounts;
using ValueAlign.Core.Values;
using ValueAlign.Core.Values.Objectives;
using ValueAlign.Core.Values.Objectives.Store;

namespace ValueAlign.Tests.Values.Objectives.Store;

public sealed class ObjectiveStoreTests
{
    private static readonly ValueSystem Schwartz = ValueSystemFiles.Shipped.Get("schwartz-10");

    // Schwartz order: self-direction, stimulation, hedonism, achievement, power, security, conformity, tradition, benevolence, universalism.
    private static ValueObjective Objective(string name, params int[] priorities) =>
        ValueObjective.FromVector(Schwartz, priorities) with { Name = name, Description = "For tests." };

    private static ClaimsPrincipal User(string name, params string[] roles) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, name), .. roles.Select(r => new Claim(ClaimTypes.Role, r))], "test"));

    [Fact]
    public async Task Create_stores_version_1_and_reads_it_back()
    {
        await using var db = await ObjectiveDatabase.CreateAsync();
        var created = await db.Store.CreateAsync(Objective("Caring", 3, 3, 2, 2, 1, 3, 3, 3, 5, 5), "curator@example.org", "First draft");

        var read = await db.Store.GetAsync(created.Id);

        Assert.NotNull(read);
        Assert.Equal(1, read.Version.Version);
        Assert.True(read.IsCurrent);
        Assert.Equal("First draft", read.Version.Note);
        Assert.Equal("curator@example.org", read.Summary.CreatedBy);
        Assert.Equal(new DateTime(2026, 11, 27, 9, 0, 0), read.Summary.CreatedAt);
        Assert.Equal("Caring", read.Objective.Name);
        Assert.Equal("For tests.", read.Objective.Description);
        Assert.Equal([3, 3, 2, 2, 1, 3, 3, 3, 5, 5], read.Objective.InSystemOrder(Schwartz).Select(p => p.Priority));
        var listed = Assert.Single(await db.Store.ListAsync());
        Assert.Equal(("Caring", "schwartz-10", 1), (listed.Name, listed.ValueSystemId, listed.CurrentVersion));
    }

    [Fact]
    public async Task Every_change_makes_a_version_and_old_versions_stay_readable()
    {
        await using var db = await ObjectiveDatabase.CreateAsync();
        var created = await db.Store.CreateAsync(Objective("Steps", 3, 3, 3, 3, 3, 3, 3, 3, 3, 3), "a");
        db.Clock.Advance(TimeSpan.FromMinutes(5));

        var second = await db.Store.SaveAsync(created.Id, Objective("Steps", 5, 3, 3, 3, 3, 3, 3, 3, 3, 3), "b", "More self-direction");
        var third = await db.Store.SaveAsync(created.Id,
            Objective("Steps", 5, 3, 3, 3, 3, 3, 3, 3, 3, 3) with { RelationOverrides = [new RelationPair("power", "hedonism", Relation.Opposing)] }, "b");

        Assert.Equal(new SaveOutcome(2, true), second);
        Assert.Equal(new SaveOutcome(3, true), third);
        var history = await db.Store.VersionsAsync(created.Id);
        Assert.Equal([3, 2, 1], history.Select(v => v.Version));
        Assert.Equal(["", "More self-direction", "Created"], history.Select(v => v.Note));
        Assert.Equal(["b", "b", "a"], history.Select(v => v.Author));
        var v1 = await db.Store.GetAsync(created.Id, 1);
        Assert.False(v1!.IsCurrent);
        Assert.Equal(3, v1.Objective.Priorities[0].Priority);
        var v3 = await db.Store.GetAsync(created.Id);
        Assert.Equal(Relation.Opposing, v3!.Objective.GraphFor(Schwartz)["hedonism", "power"]);
        Assert.Equal(new DateTime(2026, 11, 27, 9, 5, 0), v3.Summary.UpdatedAt);
        Assert.Null(await db.Store.GetAsync(created.Id, 4));
    }

    [Fact]
    public async Task Saving_unchanged_content_makes_no_version_even_when_written_differently()
    {
        await using var db = await ObjectiveDatabase.CreateAsync();
        var original = Objective("Same", 1, 2, 3, 4, 5, 1, 2, 3, 4, 5);
        var created = await db.Store.CreateAsync(original, "a");

        // Same content: priorities in another order, and an override that restates the theory's own relation.
        var reordered = original with
        {
            Priorities = [.. original.Priorities.Reverse()],
            RelationOverrides = [new RelationPair("benevolence", "power", Schwartz.Relations["power", "benevolence"])],
        };
        var outcome = await db.Store.SaveAsync(created.Id, reordered, "b");

        Assert.Equal(new SaveOutcome(1, false), outcome);
        Assert.Single(await db.Store.VersionsAsync(created.Id));
    }

    [Fact]
    public async Task Renaming_changes_metadata_without_a_version()
    {
        await using var db = await ObjectiveDatabase.CreateAsync();
        var created = await db.Store.CreateAsync(Objective("Old", 3, 3, 3, 3, 3, 3, 3, 3, 3, 3), "a");

        await db.Store.UpdateDetailsAsync(created.Id, "  New  ", "Renamed.");
        var outcome = await db.Store.SaveAsync(created.Id, Objective("Newer", 3, 3, 3, 3, 3, 3, 3, 3, 3, 3) with { Description = null }, "a");

        var read = await db.Store.GetAsync(created.Id);
        Assert.Equal(("Newer", "Renamed.", 1), (read!.Summary.Name, read.Summary.Description, read.Summary.CurrentVersion));
        Assert.Equal(new SaveOutcome(1, false), outcome);
    }

    [Fact]
    public async Task Restore_copies_an_old_version_forward()
    {
        await using var db = await ObjectiveDatabase.CreateAsync();
        var created = await db.Store.CreateAsync(Objective("R", 1, 1, 1, 1, 1, 1, 1, 1, 1, 1), "a");
        await db.Store.SaveAsync(created.Id, Objective("R", 5, 5, 5, 5, 5, 5, 5, 5, 5, 5), "a");

        var restored = await db.Store.RestoreAsync(created.Id, 1, "b");
        var again = await db.Store.RestoreAsync(created.Id, 1, "b");

        Assert.Equal(new SaveOutcome(3, true), restored);
        Assert.Equal(new SaveOutcome(3, false), again);
        var current = await db.Store.GetAsync(created.Id);
        Assert.All(current!.Objective.Priorities, p => Assert.Equal(1, p.Priority));
        Assert.Equal("Restored version 1", current.Version.Note);
        Assert.Equal("R", current.Objective.Name);
        var missing = await Assert.ThrowsAsync<ObjectiveStoreException>(() => db.Store.RestoreAsync(created.Id, 9, "b"));
        Assert.Equal(ObjectiveStoreError.NotFound, missing.Kind);
    }

    [Fact]
    public async Task A_stale_editor_gets_a_conflict_and_loses_nothing()
    {
        await using var db = await ObjectiveDatabase.CreateAsync();
        var created = await db.Store.CreateAsync(Objective("C", 3, 3, 3, 3, 3, 3, 3, 3, 3, 3), "a");
        await db.Store.SaveAsync(created.Id, Objective("C", 4, 3, 3, 3, 3, 3, 3, 3, 3, 3), "a", expectedVersion: 1);

        var error = await Assert.ThrowsAsync<ObjectiveStoreException>(
            () => db.Store.SaveAsync(created.Id, Objective("C", 2, 3, 3, 3, 3, 3, 3, 3, 3, 3), "b", expectedVersion: 1));

        Assert.Equal(ObjectiveStoreError.Conflict, error.Kind);
        Assert.Contains("now version 2", error.Message, StringComparison.Ordinal);
        Assert.Equal(4, (await db.Store.GetAsync(created.Id))!.Objective.Priorities[0].Priority);
    }

    [Fact]
    public async Task Names_are_required_and_unique()
    {
        await using var db = await ObjectiveDatabase.CreateAsync();
        await db.Store.CreateAsync(Objective("Taken", 3, 3, 3, 3, 3, 3, 3, 3, 3, 3), "a");

        var taken = await Assert.ThrowsAsync<ObjectiveStoreException>(() => db.Store.CreateAsync(Objective("Taken", 3, 3, 3, 3, 3, 3, 3, 3, 3, 3), "a"));
        var blank = await Assert.ThrowsAsync<InvalidObjectiveException>(() => db.Store.CreateAsync(Objective(" ", 3, 3, 3, 3, 3, 3, 3, 3, 3, 3), "a"));

        Assert.Equal(ObjectiveStoreError.NameTaken, taken.Kind);
        Assert.Equal("name: an objective called 'Taken' exists already; choose another name.", taken.Message);
        Assert.Equal(["name: an objective needs a name."], blank.Problems);
    }

    [Fact]
    public async Task An_objective_cannot_move_to_another_value_system()
    {
        await using var db = await ObjectiveDatabase.CreateAsync();
        var created = await db.Store.CreateAsync(Objective("S", 3, 3, 3, 3, 3, 3, 3, 3, 3, 3), "a");
        var other = ValueObjective.Uniform(ValueSystemFiles.Shipped.Get("moral-foundations"), 3);

        var error = await Assert.ThrowsAsync<InvalidObjectiveException>(() => db.Store.SaveAsync(created.Id, other, "a"));

        Assert.StartsWith("valueSystem: this objective is for 'schwartz-10'", Assert.Single(error.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_then_import_makes_an_equal_objective_under_a_new_name()
    {
        await using var db = await ObjectiveDatabase.CreateAsync();
        var original = Objective("Exported", 1, 2, 3, 4, 5, 1, 2, 3, 4, 5) with
        {
            Priorities = [.. Objective("x", 1, 2, 3, 4, 5, 1, 2, 3, 4, 5).Priorities.Select((p, i) => p with { Importance = i == 4 ? 2.5 : 1 })],
            RelationOverrides = [new RelationPair("power", "hedonism", Relation.Opposing)],
        };
        var created = await db.Store.CreateAsync(original, "a");

        var json = await db.Store.ExportAsync(created.Id);
        var imported = await db.Store.ImportAsync(json, "b", name: "Imported copy");

        Assert.Contains("\"name\": \"Exported\"", json, StringComparison.Ordinal);
        Assert.Equal("Imported copy", imported.Objective.Name);
        Assert.Equal("Imported", imported.Version.Note);
        Assert.Equal("b", imported.Summary.CreatedBy);
        Assert.True(ObjectiveNormalForm.SameContent(original, imported.Objective, Schwartz));
        Assert.Equal(2.5, imported.Objective.Priorities.Single(p => p.DimensionId == "power").Importance);
    }

    [Fact]
    public async Task Import_errors_name_every_field_and_store_nothing()
    {
        await using var db = await ObjectiveDatabase.CreateAsync();
        const string unknownSystem = """{"valueSystem": "astrology", "name": "x", "priorities": []}""";
        const string badPriorities = """
            {"valueSystem": "schwartz-10", "name": "x", "priorities": [{"dimension": "power", "priority": 7}, {"dimension": "wealth", "priority": 2}]}
            """;

        var system = await Assert.ThrowsAsync<InvalidObjectiveException>(() => db.Store.ImportAsync(unknownSystem, "a"));
        var priorities = await Assert.ThrowsAsync<InvalidObjectiveException>(() => db.Store.ImportAsync(badPriorities, "a"));
        var syntax = await Assert.ThrowsAsync<InvalidObjectiveException>(() => db.Store.ImportAsync("{\"valueSystem\": ", "a"));

        Assert.StartsWith("valueSystem: 'astrology' is not in the catalogue (known: ", Assert.Single(system.Problems), StringComparison.Ordinal);
        Assert.Contains("priorities[0] (power): priority 7 is outside 1..5.", priorities.Problems);
        Assert.Contains("priorities[1] (wealth): 'wealth' is not a dimension of schwartz-10.", priorities.Problems);
        Assert.Contains("Dimension 'benevolence' has no priority.", priorities.Problems);
        Assert.StartsWith("Line 1: not valid JSON", Assert.Single(syntax.Problems), StringComparison.Ordinal);
        var mf = ValueSystemFiles.Shipped.Get("moral-foundations");
        var complete = ValueObjectiveJson.Export(ValueObjective.Uniform(mf, 2));
        var nameless = await Assert.ThrowsAsync<InvalidObjectiveException>(() => db.Store.ImportAsync(complete, "a"));
        Assert.Equal(["name: an objective needs a name."], nameless.Problems);
        Assert.Empty(await db.Store.ListAsync());
    }

    [Fact]
    public async Task Delete_is_for_curators_admins_and_the_owner_and_removes_every_version()
    {
        await using var db = await ObjectiveDatabase.CreateAsync();
        var mine = await db.Store.CreateAsync(Objective("Mine", 3, 3, 3, 3, 3, 3, 3, 3, 3, 3), "owner@example.org");
        await db.Store.SaveAsync(mine.Id, Objective("Mine", 4, 3, 3, 3, 3, 3, 3, 3, 3, 3), "owner@example.org");
        var theirs = await db.Store.CreateAsync(Objective("Theirs", 3, 3, 3, 3, 3, 3, 3, 3, 3, 3), "someone@example.org");

        var refused = await Assert.ThrowsAsync<ObjectiveStoreException>(
            () => db.Store.DeleteAsync(theirs.Id, User("owner@example.org", Roles.Annotator)));
        await db.Store.DeleteAsync(mine.Id, User("owner@example.org", Roles.Viewer));
        await db.Store.DeleteAsync(theirs.Id, User("curator@example.org", Roles.Curator));

        Assert.Equal(ObjectiveStoreError.Forbidden, refused.Kind);
        Assert.Empty(await db.Store.ListAsync());
        await using var context = db.Factory.CreateDbContext();
        Assert.Equal(0, await context.ObjectiveVersions.CountAsync());
        var gone = await Assert.ThrowsAsync<ObjectiveStoreException>(() => db.Store.DeleteAsync(mine.Id, User("admin", Roles.Admin)));
        Assert.Equal(ObjectiveStoreError.NotFound, gone.Kind);
    }

    [Fact]
    public async Task List_filters_by_value_system()
    {
        await using var db = await ObjectiveDatabase.CreateAsync();
        await db.Store.CreateAsync(Objective("B", 3, 3, 3, 3, 3, 3, 3, 3, 3, 3), "a");
        await db.Store.CreateAsync(ValueObjective.Uniform(ValueSystemFiles.Shipped.Get("moral-foundations"), 2) with { Name = "A" }, "a");

        Assert.Equal(["A", "B"], (await db.Store.ListAsync()).Select(o => o.Name));
        Assert.Equal(["B"], (await db.Store.ListAsync("schwartz-10")).Select(o => o.Name));
    }
}
