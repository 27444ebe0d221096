using System.Security.Claims;
using System.Text.Json;
using ValueAlign.Core.Accounts;
using ValueAlign.Core.Annotation.Adjudication;
using ValueAlign.Core.Annotation.Assignment;
using ValueAlign.Core.Annotation.Projects;
using ValueAlign.Core.Annotation.Schema;
using ValueAlign.Core.Benchmarks.Export;
using ValueAlign.Core.Benchmarks.Query;
using ValueAlign.Tests.Support;

namespace ValueAlign.Tests.Annotation.Adjudication;

/// <summary>
/// Blind mode kept end to end: an item still in the queue of any blind project shows no verified
/// label and no annotator's label to non-curators (drawer store and every export format); verified
/// labels name annotators only for Curators and Admins; an item is verified only once its overlap
/// is complete or its queue closed; undo is refused once an item is verified; a closed queue serves nothing.
/// </summary>
public sealed class BlindModeDisclosureTests
{
    private static ClaimsPrincipal User(string role) => new(new ClaimsIdentity([new Claim(ClaimTypes.Role, role)], "cookie"));

    /// <summary>Project p (blind, overlap 2): a and b label both items, the split on demo-00002 is decided.</summary>
    private static async Task<(AdjudicationScenario S, long ItemId)> DecidedAsync()
    {
        var s = await AdjudicationScenario.CreateAsync(items: 2, overlap: 2);
        await s.LabelAsync("a", _ => AdjudicationScenario.Answers("yes"));
        await s.LabelAsync("b", id => AdjudicationScenario.Answers(id == s.Items[1] ? "no" : "yes"));
        var item = (await s.Adjudication.QueueAsync(s.Project.Id)).Items.Single();
        await s.Adjudication.DecideAsync(s.Project.Id, item.ProjectItemId, new Dictionary<string, string> { ["unanswerable"] = "no" }, "curator-7");
        return (s, item.BenchmarkItemId);
    }

    private static Task<Core.Annotation.Model.VerificationProject> SecondProjectAsync(AdjudicationScenario s, bool blind) =>
        s.Db.Projects.CreateAsync(new NewProject
        {
            Name = "q",
            Filter = new ItemFilter { Benchmark = "demo" },
            Schema = LabelSchemaTemplates.Honesty(),
            Overlap = 2,
            BlindMode = blind,
            CreatedBy = "curator",
        });

    [Fact]
    public void Disclosure_follows_the_readers_policy()
    {
        Assert.Equal(LabelDisclosure.Full, LabelDisclosure.For(User(Roles.Curator)));
        Assert.Equal(LabelDisclosure.Full, LabelDisclosure.For(User(Roles.Admin)));
        Assert.Equal(new LabelDisclosure(false, true), LabelDisclosure.For(User(Roles.Curator), identitiesRequested: false));
        Assert.Equal(LabelDisclosure.Restricted, LabelDisclosure.For(User(Roles.Annotator)));
        Assert.Equal(LabelDisclosure.Restricted, LabelDisclosure.For(User(Roles.Viewer)));
        Assert.Equal(LabelDisclosure.Restricted, LabelDisclosure.For(null));
        // Pseudonyms are stable within a project and differ across projects and annotators.
        Assert.Equal(LabelDisclosure.Pseudonym(1, "a"), LabelDisclosure.Pseudonym(1, "a"));
        Assert.NotEqual(LabelDisclosure.Pseudonym(1, "a"), LabelDisclosure.Pseudonym(2, "a"));
        Assert.NotEqual(LabelDisclosure.Pseudonym(1, "a"), LabelDisclosure.Pseudonym(1, "b"));
    }

    [Fact]
    public async Task Verified_labels_name_annotators_only_for_curators()
    {
        var (s, itemId) = await DecidedAsync();
        await using var _ = s;
        var full = Assert.Single(await s.Store.ForItemAsync(itemId, LabelDisclosure.Full));
        Assert.Equal(["a", "b"], full.Sources.Select(x => x.Annotator));
        var restricted = Assert.Single(await s.Store.ForItemAsync(itemId, LabelDisclosure.Restricted));
        Assert.Equal([LabelDisclosure.Pseudonym(s.Project.Id, "a"), LabelDisclosure.Pseudonym(s.Project.Id, "b")], restricted.Sources.Select(x => x.Annotator));
        Assert.Equal(full.Sources.Select(x => x.Label), restricted.Sources.Select(x => x.Label));
    }

    [Fact]
    public async Task An_item_still_in_a_blind_queue_shows_nothing_to_non_curators_in_the_store_and_every_export()
    {
        var (s, itemId) = await DecidedAsync();
        await using var _ = s;
        var q = await SecondProjectAsync(s, blind: true);
        using var folder = new TempDirectory();
        var exporter = new ItemExporter(s.Db.Factory);

        Assert.Empty(await s.Store.ForItemAsync(itemId, LabelDisclosure.Restricted));
        Assert.Single(await s.Store.ForItemAsync(itemId, LabelDisclosure.Full));
        foreach (var format in new[] { ExportFormat.Jsonl, ExportFormat.HuggingFace, ExportFormat.Csv, ExportFormat.Parquet })
        {
            var restricted = folder.File($"restricted.{format}");
            await exporter.ExportAsync(new ItemFilter(), format, restricted);
            var json = await VerifiedLabelExportTests.VerifiedJsonOfSecondItemAsync(format, restricted);
            Assert.Equal(0, JsonDocument.Parse(json).RootElement.GetArrayLength());
            Assert.DoesNotContain("\"a\"", json);
            var full = folder.File($"full.{format}");
            await exporter.ExportAsync(new ItemFilter(), format, full, LabelDisclosure.Full);
            Assert.Equal(1, JsonDocument.Parse(await VerifiedLabelExportTests.VerifiedJsonOfSecondItemAsync(format, full)).RootElement.GetArrayLength());
        }

        // Once q's queue is closed the item is in no open blind queue: it shows again, pseudonymised.
        Assert.True(await s.Db.Projects.SetQueueClosedAsync(q.Id, closed: true));
        var shown = Assert.Single(await s.Store.ForItemAsync(itemId, LabelDisclosure.Restricted));
        Assert.Equal(LabelDisclosure.Pseudonym(s.Project.Id, "a"), shown.Sources[0].Annotator);
    }

    [Fact]
    public async Task A_project_that_is_not_blind_hides_nothing()
    {
        var (s, itemId) = await DecidedAsync();
        await using var _ = s;
        await SecondProjectAsync(s, blind: false);
        Assert.Single(await s.Store.ForItemAsync(itemId, LabelDisclosure.Restricted));
    }

    [Fact]
    public async Task Auto_verify_waits_for_the_overlap_and_undo_is_refused_once_verified()
    {
        await using var s = await AdjudicationScenario.CreateAsync(items: 1, overlap: 3);
        await s.Adjudication.SetRuleAsync(s.Project.Id, new DisagreementRule { ReadyAtLabels = 2 });
        await s.LabelAsync("a", _ => AdjudicationScenario.Answers("yes"));
        await s.LabelAsync("b", _ => AdjudicationScenario.Answers("yes"));
        Assert.Equal(new AutoVerifyResult(0, 0, 0), await s.Adjudication.AutoVerifyAsync(s.Project.Id, "curator"));
        // b may still change their mind while nothing is verified.
        Assert.NotNull(await s.Db.Assignments.UndoLastAsync(s.Project.Id, "b"));
        await s.LabelAsync("b", _ => AdjudicationScenario.Answers("yes"));

        await s.LabelAsync("c", _ => AdjudicationScenario.Answers("yes"));
        Assert.Equal(3, (await s.Adjudication.AutoVerifyAsync(s.Project.Id, "curator")).Unanimous);

        var refused = await Assert.ThrowsAsync<AssignmentException>(() => s.Db.Assignments.UndoLastAsync(s.Project.Id, "c"));
        Assert.Equal(AssignmentErrorKind.AlreadyVerified, refused.Kind);
        await using var db = s.Db.Factory.CreateDbContext();
        Assert.Equal(3, db.Annotations.Count(a => a.ProjectId == s.Project.Id));
    }

    [Fact]
    public async Task A_closed_queue_serves_nothing_and_lets_a_short_item_be_verified()
    {
        await using var s = await AdjudicationScenario.CreateAsync(items: 1, overlap: 3);
        await s.LabelAsync("a", _ => AdjudicationScenario.Answers("yes"));
        var item = await s.ProjectItemIdAsync(s.Items[0]);
        await Assert.ThrowsAsync<AdjudicationException>(() =>
            s.Adjudication.DecideAsync(s.Project.Id, item, new Dictionary<string, string> { ["unanswerable"] = "yes" }, "curator"));

        await s.CloseQueueAsync();
        Assert.Null(await s.Db.Assignments.NextAsync(s.Project.Id, "b"));
        Assert.Single(await s.Adjudication.DecideAsync(s.Project.Id, item, new Dictionary<string, string> { ["unanswerable"] = "yes" }, "curator"));
    }
}
