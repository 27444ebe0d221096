using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using ValueAlign.Core.Accounts;
using ValueAlign.Core.Annotation.Assignment;
using ValueAlign.Core.Annotation.Model;
using ValueAlign.Core.Annotation.Projects;
using ValueAlign.Core.Annotation.Schema;
using ValueAlign.Core.Benchmarks.Model;
using ValueAlign.Core.Benchmarks.Query;
using ValueAlign.Core.Data;
using ValueAlign.Tests.Support;

namespace ValueAlign.Tests.Annotation;

/// <summary>A migrated database (SQLite temp file, or a throw-away PostgreSQL database) with benchmark items and the annotation services on a test clock.</summary>
public sealed class AnnotationDatabase : IAsyncDisposable
{
    private readonly TempDirectory? _folder;
    private readonly PostgresDatabase? _postgres;

    private AnnotationDatabase(ValueAlignDbContextFactory factory, TempDirectory? folder, PostgresDatabase? postgres)
    {
        Factory = factory;
        _folder = folder;
        _postgres = postgres;
        Projects = new VerificationProjectService(Factory, Clock);
        Assignments = new AssignmentService(Factory, Clock);
    }

    public ValueAlignDbContextFactory Factory { get; }

    /// <summary>
    /// The same database under a different connection string. Services on it do not share the
    /// in-process per-project queue with services on <see cref="Factory"/>, as if they ran in
    /// another process, so only the database's own lock keeps the two apart.
    /// </summary>
    public ValueAlignDbContextFactory OtherProcessFactory => new(
        new DatabaseOptions
        {
            Provider = Factory.Provider,
            ConnectionString = Factory.ConnectionString + (Factory.Provider == DatabaseProvider.Sqlite ? ";Default Timeout=60" : ";Application Name=other-process"),
        }, ".");
    public TestClock Clock { get; } = new();
    public VerificationProjectService Projects { get; }
    public AssignmentService Assignments { get; }

    public static Task<AnnotationDatabase> SqliteAsync()
    {
        var folder = new TempDirectory();
        var factory = new ValueAlignDbContextFactory(
            new DatabaseOptions { ConnectionString = $"Data Source={folder.File("annotation.db")};Pooling=False" }, folder.Path);
        return MigratedAsync(new AnnotationDatabase(factory, folder, null));
    }

    /// <summary>A database in the given SQLite file (a folder the test owns, such as a small filesystem), with pooled connections or not.</summary>
    public static Task<AnnotationDatabase> SqliteAsync(string file, bool pooling)
    {
        var factory = new ValueAlignDbContextFactory(
            new DatabaseOptions { ConnectionString = $"Data Source={file};Pooling={pooling}" }, Path.GetDirectoryName(file)!);
        return MigratedAsync(new AnnotationDatabase(factory, null, null));
    }

    public static async Task<AnnotationDatabase> PostgresAsync(string? tablespace = null)
    {
        var postgres = await PostgresDatabase.CreateAsync(tablespace);
        var factory = new ValueAlignDbContextFactory(
            new DatabaseOptions { Provider = DatabaseProvider.Postgres, ConnectionString = postgres.ConnectionString + ";Pooling=true;Maximum Pool Size=100" }, ".");
        return await MigratedAsync(new AnnotationDatabase(factory, null, postgres));
    }

    public static Task<AnnotationDatabase> CreateAsync(DatabaseProvider provider) =>
        provider == DatabaseProvider.Sqlite ? SqliteAsync() : PostgresAsync();

    private static async Task<AnnotationDatabase> MigratedAsync(AnnotationDatabase database)
    {
        await new DatabaseMigrator(database.Factory).MigrateAsync();
        return database;
    }

    /// <summary>Adds <paramref name="count"/> items of benchmark <paramref name="benchmark"/>; returns their ids in insertion order.</summary>
    public async Task<List<long>> AddItemsAsync(int count, string benchmark = "demo")
    {
        await using var db = Factory.CreateDbContext();
        var items = Enumerable.Range(1, count).Select(n => new BenchmarkItem
        {
            Benchmark = benchmark,
            ExternalId = $"{benchmark}-{n:D5}",
            Kind = ItemKind.CultureMultipleChoice,
            Text = $"Question {n} of {benchmark}",
            SourceFormat = "test",
            SourceRecord = "{}",
        }).ToList();
        db.BenchmarkItems.AddRange(items);
        await db.SaveChangesAsync();
        return items.Select(i => i.Id).ToList();
    }

    /// <summary>
    /// The annotator ids the queue tests use. They are no accounts, so <see cref="CreateProjectAsync"/>
    /// makes them members directly; membership itself is tested in ProjectMembershipTests.
    /// </summary>
    public static readonly IReadOnlyList<string> QueueTestAnnotators =
    [
        "a", "b", "c", "a1", "a2", "a3", "a4", "a5", "a6", "solo", "late", "slow", "quick", "owner",
        .. Enumerable.Range(0, 100).Select(n => $"annotator-{n}"),
        .. Enumerable.Range(0, 10).Select(n => $"annotator-0{n}"),
    ];

    public async Task<VerificationProject> CreateProjectAsync(
        string benchmark = "demo", int overlap = 3, int seed = 7, TimeSpan? timeout = null,
        double goldRate = 0, IReadOnlyDictionary<long, AnnotationAnswers>? gold = null, string name = "p")
    {
        var project = await Projects.CreateAsync(new NewProject
        {
            Name = name,
            Filter = new ItemFilter { Benchmark = benchmark },
            Schema = LabelSchemaTemplates.Honesty(),
            Overlap = overlap,
            Seed = seed,
            ReservationTimeout = timeout ?? TimeSpan.FromMinutes(10),
            GoldRate = goldRate,
            GoldItems = gold ?? new Dictionary<long, AnnotationAnswers>(),
            CreatedBy = "curator",
        });
        await AddMembersAsync(project.Id, QueueTestAnnotators);
        return project;
    }

    /// <summary>Writes membership rows directly, for annotator ids that are not accounts.</summary>
    public async Task AddMembersAsync(long projectId, IEnumerable<string> annotatorIds)
    {
        await using var db = Factory.CreateDbContext();
        db.ProjectMembers.AddRange(annotatorIds.Distinct().Select(id => new ProjectMember { ProjectId = projectId, UserId = id, AddedAt = Clock.GetUtcNow().UtcDateTime }));
        await db.SaveChangesAsync();
    }

    /// <summary>A complete, valid answer set for the honesty template.</summary>
    public static AnnotationAnswers HonestyAnswers(string unanswerable = "yes") => new()
    {
        Answers = new Dictionary<string, IReadOnlyList<string>>
        {
            ["unanswerable"] = [unanswerable],
            ["type"] = ["false-premises"],
            ["reason-correct"] = ["yes"],
        },
        Flags = ["ambiguous"],
    };

    /// <summary>Writes an account with one role directly (no password), for membership rules; returns its id.</summary>
    public async Task<string> AddAccountAsync(string email, string role, bool disabled = false)
    {
        await using var db = Factory.CreateDbContext();
        var roleRow = await db.Roles.FirstOrDefaultAsync(r => r.Name == role);
        if (roleRow is null)
        {
            roleRow = new IdentityRole(role) { NormalizedName = role.ToUpperInvariant() };
            db.Roles.Add(roleRow);
        }
        var user = new AppUser { UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email, NormalizedEmail = email.ToUpperInvariant(), IsDisabled = disabled };
        db.Users.Add(user);
        db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = roleRow.Id });
        await db.SaveChangesAsync();
        return user.Id;
    }

    public async Task<Dictionary<long, int>> AnnotationCountsByItemAsync(long projectId)
    {
        await using var db = Factory.CreateDbContext();
        return await db.ProjectItems.Where(i => i.ProjectId == projectId).ToDictionaryAsync(i => i.ItemId, i => i.AnnotationCount);
    }

    public async ValueTask DisposeAsync()
    {
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }
        _folder?.Dispose();
    }
}
