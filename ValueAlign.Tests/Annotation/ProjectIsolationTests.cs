using Microsoft.EntityFrameworkCore;

namespace ValueAlign.Tests.Annotation;

/// <summary>
/// Issue 17: the per-project lock must not serialise unrelated projects. On PostgreSQL a queue
/// transaction holds only its own project's row (FOR SHARE) and its own annotator's advisory lock.
/// </summary>
public class ProjectIsolationTests
{
    [Fact]
    public async Task On_postgres_a_project_locked_by_an_edit_does_not_hold_up_another_projects_queue()
    {
        await using var db = await AnnotationDatabase.PostgresAsync();
        await db.AddItemsAsync(3);
        await db.AddItemsAsync(3, benchmark: "other");
        var busy = await db.CreateProjectAsync(name: "busy");
        var free = await db.CreateProjectAsync(benchmark: "other", name: "free");

        // An edit of the busy project holds its row, as the exclusive gate does, in another connection.
        await using var edit = db.Factory.CreateDbContext();
        await using var transaction = await edit.Database.BeginTransactionAsync();
        await edit.Database.ExecuteSqlInterpolatedAsync($"SELECT 1 FROM \"VerificationProjects\" WHERE \"Id\" = {busy.Id} FOR UPDATE");

        var waiting = db.Assignments.NextAsync(busy.Id, "a");
        var other = await db.Assignments.NextAsync(free.Id, "a").WaitAsync(TimeSpan.FromSeconds(30));
        Assert.NotNull(other);
        var saved = await db.Assignments.SubmitInProjectAsync(free.Id, other.ReservationId, "a", AnnotationDatabase.HonestyAnswers())
            .WaitAsync(TimeSpan.FromSeconds(30));
        Assert.False(saved.AlreadySubmitted);
        Assert.NotNull(await db.Assignments.NextAsync(free.Id, "b").WaitAsync(TimeSpan.FromSeconds(30)));

        // The busy project's queue waits for the edit, and goes on once it ends.
        Assert.False(waiting.IsCompleted);
        await transaction.RollbackAsync();
        var served = await waiting.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.NotNull(served);
        Assert.Equal(busy.Id, served.ProjectId);
    }
}
