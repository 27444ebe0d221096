using ValueAlign.Core.Accounts;
using ValueAlign.Core.Annotation.Assignment;
using ValueAlign.Core.Annotation.Projects;
using ValueAlign.Core.Annotation.Schema;
using ValueAlign.Core.Benchmarks.Query;

namespace ValueAlign.Tests.Annotation.Projects;

/// <summary>Only members get items; only enabled annotators can become members; all on a real SQLite file.</summary>
public class ProjectMembershipTests
{
    private static NewProject Definition(string name, IReadOnlyCollection<string> members) => new()
    {
        Name = name,
        Filter = new ItemFilter { Benchmark = "demo" },
        Schema = LabelSchemaTemplates.Honesty(),
        Overlap = 2,
        CreatedBy = "curator",
        Members = members,
    };

    [Fact]
    public async Task The_queue_refuses_non_members_and_serves_members()
    {
        await using var db = await AnnotationDatabase.SqliteAsync();
        await db.AddItemsAsync(3);
        var ann = await db.AddAccountAsync("ann@example.org", Roles.Annotator);
        var bob = await db.AddAccountAsync("bob@example.org", Roles.Annotator);
        var project = await db.Projects.CreateAsync(Definition("p", [ann]));
        var membership = new ProjectMembershipService(db.Factory, db.Clock);

        var refused = await Assert.ThrowsAsync<AssignmentException>(() => db.Assignments.NextAsync(project.Id, bob));
        Assert.Equal(AssignmentErrorKind.NotMember, refused.Kind);
        Assert.Equal($"You are not a member of verification project {project.Id}; ask a curator to add you to it.", refused.Message);
        var undo = await Assert.ThrowsAsync<AssignmentException>(() => db.Assignments.UndoLastAsync(project.Id, bob));
        Assert.Equal(AssignmentErrorKind.NotMember, undo.Kind);
        Assert.NotNull(await db.Assignments.NextAsync(project.Id, ann));

        await membership.AddAsync(project.Id, bob);
        Assert.True(await membership.IsMemberAsync(project.Id, bob));
        Assert.NotNull(await db.Assignments.NextAsync(project.Id, bob));
    }

    [Fact]
    public async Task A_removed_member_gets_nothing_more_but_can_submit_the_item_they_hold()
    {
        await using var db = await AnnotationDatabase.SqliteAsync();
        await db.AddItemsAsync(3);
        var ann = await db.AddAccountAsync("ann@example.org", Roles.Annotator);
        var project = await db.Projects.CreateAsync(Definition("p", [ann]));
        var membership = new ProjectMembershipService(db.Factory, db.Clock);
        var held = (await db.Assignments.NextAsync(project.Id, ann))!;

        Assert.True(await membership.RemoveAsync(project.Id, ann));

        var result = await db.Assignments.SubmitAsync(held.ReservationId, ann, AnnotationDatabase.HonestyAnswers());
        Assert.False(result.AlreadySubmitted);
        var refused = await Assert.ThrowsAsync<AssignmentException>(() => db.Assignments.NextAsync(project.Id, ann));
        Assert.Equal(AssignmentErrorKind.NotMember, refused.Kind);
        Assert.Equal(1, (await db.Assignments.MyProgressAsync(project.Id, ann)).Submitted);
    }

    [Fact]
    public async Task Only_enabled_annotators_can_be_members_and_a_refused_change_changes_nothing()
    {
        await using var db = await AnnotationDatabase.SqliteAsync();
        await db.AddItemsAsync(2);
        var ann = await db.AddAccountAsync("ann@example.org", Roles.Annotator);
        var viewer = await db.AddAccountAsync("viewer@example.org", Roles.Viewer);
        var gone = await db.AddAccountAsync("gone@example.org", Roles.Annotator, disabled: true);
        var project = await db.Projects.CreateAsync(Definition("p", [ann]));
        var membership = new ProjectMembershipService(db.Factory, db.Clock);

        var error = await Assert.ThrowsAsync<ProjectValidationException>(
            () => membership.SetMembersAsync(project.Id, [viewer, gone, "no-such-user"]));

        Assert.Equal(
            new[]
            {
                "Members: viewer@example.org does not have the Annotator role.",
                "Members: gone@example.org is disabled.",
                "Members: user no-such-user does not exist.",
            },
            error.Errors);
        Assert.Equal([ann], (await membership.MembersAsync(project.Id)).Select(m => m.UserId));
        Assert.Equal(["ann@example.org"], (await membership.CandidatesAsync()).Select(c => c.Email));
    }

    [Fact]
    public async Task Creating_a_project_with_a_bad_member_stores_no_project_at_all()
    {
        await using var db = await AnnotationDatabase.SqliteAsync();
        await db.AddItemsAsync(2);
        var viewer = await db.AddAccountAsync("viewer@example.org", Roles.Viewer);

        var error = await Assert.ThrowsAsync<ProjectValidationException>(() => db.Projects.CreateAsync(Definition("p", [viewer])));

        Assert.Equal(["Members: viewer@example.org does not have the Annotator role."], error.Errors);
        Assert.Empty(await db.Projects.ListAsync());
    }

    [Fact]
    public async Task An_annotators_projects_are_exactly_those_they_are_a_member_of()
    {
        await using var db = await AnnotationDatabase.SqliteAsync();
        await db.AddItemsAsync(2);
        var ann = await db.AddAccountAsync("ann@example.org", Roles.Annotator);
        var bob = await db.AddAccountAsync("bob@example.org", Roles.Annotator);
        var first = await db.Projects.CreateAsync(Definition("first", [ann, bob]));
        var second = await db.Projects.CreateAsync(Definition("second", [bob]));
        await db.Projects.CreateAsync(Definition("third", []));
        var membership = new ProjectMembershipService(db.Factory, db.Clock);

        Assert.Equal([first.Id], await membership.ProjectIdsOfAsync(ann));
        Assert.Equal([first.Id, second.Id], await membership.ProjectIdsOfAsync(bob));
        Assert.Equal(["ann@example.org", "bob@example.org"], (await membership.MembersAsync(first.Id)).Select(m => m.Email));
    }
}
