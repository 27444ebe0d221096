using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ValueAlign.Core.Accounts;
using ValueAlign.Core.Annotation.Model;
using ValueAlign.Core.Annotation.Projects;
using ValueAlign.Core.Annotation.Schema;
using ValueAlign.Core.Benchmarks.Model;
using ValueAlign.Core.Benchmarks.Query;
using ValueAlign.Core.Data;

namespace ValueAlign.Tests.Support;

/// <summary>A user to create for a seeded project: email, password and role.</summary>
public sealed record SeedUser(string Email, string Password, string Role);

/// <summary>
/// What <see cref="AnnotationProjectSeed.SeedAsync"/> creates: a verification project over
/// <see cref="Items"/> copies of the server's seeded demo items of <see cref="SourceBenchmark"/>
/// (their own benchmark, so the project holds exactly those), and the <see cref="Members"/>.
/// </summary>
public sealed record ProjectSeed
{
    public required string Name { get; init; }
    public string SourceBenchmark { get; init; } = "mohobench";
    public int Items { get; init; } = 3;
    public LabelSchema Schema { get; init; } = LabelSchemaTemplates.Honesty();
    public int Overlap { get; init; } = 2;
    public bool BlindMode { get; init; } = true;
    public string Guidelines { get; init; } = "Read the question and look at the image **before** answering.";
    public IReadOnlyList<SeedUser> Members { get; init; } = [];
}

/// <summary>The seeded project: its id, its benchmark items in order, and each member's user id (the annotator id) by email.</summary>
public sealed record SeededProject(long Id, string Name, string Benchmark, IReadOnlyList<long> ItemIds, IReadOnlyDictionary<string, string> UserIds);

/// <summary>Arranges annotation data in a running server's SQLite database, for end-to-end flows.</summary>
public static class AnnotationProjectSeed
{
    public static ValueAlignDbContextFactory Factory(string databasePath) =>
        new(new DatabaseOptions { ConnectionString = $"Data Source={databasePath};Pooling=False" }, RepositoryRoot.Path);

    /// <summary>Creates the members (skipping ones that exist), copies the demo items, creates the project.</summary>
    public static async Task<SeededProject> SeedAsync(this WorkbenchServer server, ProjectSeed seed)
    {
        var userIds = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        await using (var services = WorkbenchServices.ForSqliteFile(server.DatabasePath))
        {
            foreach (var member in seed.Members)
            {
                await using var scope = services.CreateAsyncScope();
                var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
                if (await users.FindByEmailAsync(member.Email) is null)
                {
                    var created = await services.AddUserAsync(member.Email, member.Password, member.Role);
                    if (!created.Succeeded)
                    {
                        throw new InvalidOperationException($"Could not create {member.Email}: {created}");
                    }
                }
                userIds[member.Email] = (await users.FindByEmailAsync(member.Email))!.Id;
            }
        }

        var factory = Factory(server.DatabasePath);
        var benchmark = "e2e-" + Guid.NewGuid().ToString("N")[..8];
        var itemIds = new List<long>();
        await using (var db = factory.CreateDbContext())
        {
            var sources = await db.BenchmarkItems.AsNoTracking().Where(i => i.Benchmark == seed.SourceBenchmark)
                .OrderBy(i => i.ExternalId).Take(seed.Items).ToListAsync();
            if (sources.Count < seed.Items)
            {
                throw new InvalidOperationException(
                    $"The server holds {sources.Count} '{seed.SourceBenchmark}' demo item(s), fewer than the {seed.Items} asked for; is data/demo seeded?");
            }
            var copies = sources.Select(s => new BenchmarkItem
            {
                Benchmark = benchmark,
                ExternalId = s.ExternalId,
                Kind = s.Kind,
                Text = s.Text,
                Context = s.Context,
                OptionsJson = s.OptionsJson,
                Answer = s.Answer,
                Language = s.Language,
                Country = s.Country,
                Modality = s.Modality,
                MediaJson = s.MediaJson,
                Category = s.Category,
                Explanation = s.Explanation,
                KnowledgePointsJson = s.KnowledgePointsJson,
                Theme = s.Theme,
                AlignmentGroup = s.AlignmentGroup,
                SourceFormat = s.SourceFormat,
                SourceRecord = s.SourceRecord,
            }).ToList();
            db.BenchmarkItems.AddRange(copies);
            await db.SaveChangesAsync();
            itemIds.AddRange(copies.Select(c => c.Id));
        }

        var project = await new VerificationProjectService(factory, TimeProvider.System).CreateAsync(new NewProject
        {
            Name = seed.Name,
            Filter = new ItemFilter { Benchmark = benchmark },
            Schema = seed.Schema,
            GuidelinesMarkdown = seed.Guidelines,
            Overlap = seed.Overlap,
            BlindMode = seed.BlindMode,
            Seed = 11,
            CreatedBy = userIds.Values.FirstOrDefault() ?? "e2e",
        });
        return new SeededProject(project.Id, project.Name, benchmark, itemIds, userIds);
    }

    /// <summary>Every stored annotation of the project with its benchmark item id, oldest first.</summary>
    public static async Task<IReadOnlyList<(long ItemId, ItemAnnotation Annotation)>> AnnotationsAsync(this WorkbenchServer server, long projectId)
    {
        await using var db = Factory(server.DatabasePath).CreateDbContext();
        var rows = await db.Annotations.AsNoTracking().Include(a => a.ProjectItem)
            .Where(a => a.ProjectId == projectId).OrderBy(a => a.Id).ToListAsync();
        return rows.Select(a => (a.ProjectItem!.ItemId, a)).ToList();
    }
}
