using System.Security.Claims;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using ValueAlign.Core.Accounts;
using ValueAlign.Core.Annotation.Assignment;
using ValueAlign.Core.Annotation.Guidelines;
using ValueAlign.Core.Annotation.Model;
using ValueAlign.Core.Annotation.Projects;
using ValueAlign.Core.Annotation.Schema;
using ValueAlign.Core.Benchmarks.Media;
using ValueAlign.Core.Benchmarks.Query;
using ValueAlign.Tests.Annotation;
using ValueAlign.Tests.Support;
using ValueAlign.Web.Components.Pages.Annotate;

namespace ValueAlign.Tests.Web.Annotate;

/// <summary>
/// The annotate page rendered with bUnit over a real migrated SQLite database, a test clock, and
/// an assignment service whose database connections can be made to fail.
/// </summary>
public sealed class AnnotatePageHarness : IAsyncDisposable
{
    public const string Annotator = "annotator-1";

    private AnnotatePageHarness(AnnotationDatabase database, BunitContext ctx, FlakyDbContextFactory flaky)
    {
        Database = database;
        Context = ctx;
        Flaky = flaky;
    }

    public AnnotationDatabase Database { get; }
    public BunitContext Context { get; }
    public FlakyDbContextFactory Flaky { get; }
    public BunitJSModuleInterop Module { get; private set; } = default!;

    public static async Task<AnnotatePageHarness> CreateAsync()
    {
        var database = await AnnotationDatabase.SqliteAsync();
        var flaky = new FlakyDbContextFactory(database.Factory);
        // Real SQLite work on a shared 2-core machine: allow more than bUnit's default second.
        BunitContext.DefaultWaitTimeout = TimeSpan.FromSeconds(15);
        var ctx = new BunitContext();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        ctx.Services.AddMudServices();
        ctx.Services.AddSingleton(database.Projects);
        ctx.Services.AddSingleton(new AssignmentService(flaky, database.Clock));
        ctx.Services.AddSingleton(new PeerAnnotations(database.Factory));
        ctx.Services.AddSingleton(new BenchmarkQuery(database.Factory));
        ctx.Services.AddSingleton<NextItemViewBuilder>();
        ctx.Services.AddSingleton(new GuidelinesRenderer());
        ctx.Services.AddSingleton<TimeProvider>(database.Clock);
        ctx.Services.AddSingleton(new MediaFiles(Path.Combine(RepositoryRoot.Path, "data", "media")));
        var auth = ctx.AddAuthorization();
        auth.SetAuthorized("annotator@example.org");
        auth.SetWorkbenchRoles(Roles.Annotator);
        auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, Annotator));
        var harness = new AnnotatePageHarness(database, ctx, flaky);
        harness.Module = ctx.JSInterop.SetupModule("./annotate.js");
        harness.Module.Mode = JSRuntimeMode.Loose;
        ctx.Render<MudPopoverProvider>();
        return harness;
    }

    /// <summary>A project over <paramref name="items"/> new items of its own benchmark with the honesty schema.</summary>
    public async Task<VerificationProject> ProjectAsync(
        int items = 5, bool blind = true, int overlap = 3, TimeSpan? timeout = null, string guidelines = "", LabelSchema? schema = null)
    {
        var benchmark = "annotate-" + Guid.NewGuid().ToString("N")[..8];
        await Database.AddItemsAsync(items, benchmark);
        var project = await Database.Projects.CreateAsync(new NewProject
        {
            Name = benchmark,
            Filter = new ItemFilter { Benchmark = benchmark },
            Schema = schema ?? LabelSchemaTemplates.Honesty(),
            GuidelinesMarkdown = guidelines,
            Overlap = overlap,
            BlindMode = blind,
            ReservationTimeout = timeout ?? TimeSpan.FromMinutes(10),
            Seed = 3,
            CreatedBy = "curator",
        });
        await Database.AddMembersAsync(project.Id, [Annotator, "peer", "someone-else", .. AnnotationDatabase.QueueTestAnnotators]);
        return project;
    }

    /// <summary>Renders the page and waits until it shows an item (or the empty queue).</summary>
    public IRenderedComponent<AnnotatePage> Open(long projectId, SubmitRetry? retry = null, string? pendingJson = null)
    {
        if (pendingJson is not null)
        {
            Module.Setup<string?>("readPending", _ => true).SetResult(pendingJson);
        }
        var page = Context.Render<AnnotatePage>(p => p
            .Add(x => x.ProjectId, projectId)
            .Add(x => x.Retry, retry ?? new SubmitRetry(TimeSpan.FromHours(1), TimeSpan.FromHours(1))));
        page.WaitForAssertion(() => Assert.NotEqual(AnnotatePage.PageState.Loading, page.Instance.State));
        return page;
    }

    public static Task PressAsync(IRenderedComponent<AnnotatePage> page, string key, bool typing = false, bool shift = false, bool ctrl = false) =>
        page.InvokeAsync(() => page.Instance.OnKeyAsync(key, typing, shift, ctrl));

    public static long ShownItemId(IRenderedComponent<AnnotatePage> page) =>
        long.Parse(page.Find("[data-testid=annotate-item]").GetAttribute("data-item-id")!);

    public static string? FocusedQuestion(IRenderedComponent<AnnotatePage> page) =>
        page.FindAll("[data-testid=question][data-focused=true]").SingleOrDefault()?.GetAttribute("data-question");

    public static string[] Chosen(IRenderedComponent<AnnotatePage> page, string question) =>
        page.FindAll($"[data-question='{question}'] [data-testid=option][data-chosen=true]").Select(b => b.GetAttribute("data-value")!).ToArray();

    public static string[] SetFlags(IRenderedComponent<AnnotatePage> page) =>
        page.FindAll("[data-testid=flag][data-set=true]").Select(b => b.GetAttribute("data-value")!).ToArray();

    public async Task<List<ItemAnnotation>> AnnotationsAsync(long projectId)
    {
        await using var db = Database.Factory.CreateDbContext();
        return await db.Annotations.Include(a => a.ProjectItem).Where(a => a.ProjectId == projectId).OrderBy(a => a.Id).ToListAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Context.DisposeAsync();
        await Database.DisposeAsync();
    }
}
