using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using ValueAlign.Core.Accounts;
using ValueAlign.Core.Annotation.Adjudication;
using ValueAlign.Core.Annotation.Judging;
using ValueAlign.Core.Annotation.Model;
using ValueAlign.Core.Benchmarks.Model;
using ValueAlign.Core.Dashboards;
using ValueAlign.Core.Evaluation;
using ValueAlign.Core.Jobs;
using ValueAlign.Core.Values.Objectives.Store;
using ValueAlign.Core.Benchmarks.SavedFilters;

namespace ValueAlign.Core.Data;

/// <summary>
/// The one model of the workbench. Two thin subclasses (<see cref="SqliteValueAlignDbContext"/>,
/// <see cref="PostgresValueAlignDbContext"/>) exist only so that each provider keeps its own
/// migration set; services depend on this base type.
/// </summary>
public abstract class ValueAlignDbContext(DbContextOptions options)
    : IdentityDbContext<AppUser, IdentityRole, string>(options)
{
    public DbSet<BenchmarkItem> BenchmarkItems => Set<BenchmarkItem>();

    public DbSet<ItemLabel> ItemLabels => Set<ItemLabel>();

    public DbSet<ImportPreset> ImportPresets => Set<ImportPreset>();

    public DbSet<VerificationProject> VerificationProjects => Set<VerificationProject>();

    public DbSet<ProjectItem> ProjectItems => Set<ProjectItem>();

    public DbSet<Reservation> Reservations => Set<Reservation>();

    public DbSet<ItemAnnotation> Annotations => Set<ItemAnnotation>();

    public DbSet<ItemSkip> ItemSkips => Set<ItemSkip>();

    public DbSet<VerifiedLabel> VerifiedLabels => Set<VerifiedLabel>();

    public DbSet<JudgeLabel> JudgeLabels => Set<JudgeLabel>();

    public DbSet<BackgroundJob> BackgroundJobs => Set<BackgroundJob>();

    public DbSet<EvalRun> EvalRuns => Set<EvalRun>();

    public DbSet<EvalItemResult> EvalItemResults => Set<EvalItemResult>();

    public DbSet<Evaluation.Artefacts.RunArtefact> RunArtefacts => Set<Evaluation.Artefacts.RunArtefact>();
    public DbSet<SavedObjective> SavedObjectives => Set<SavedObjective>();

    public DbSet<ObjectiveVersion> ObjectiveVersions => Set<ObjectiveVersion>();
    public DbSet<ProjectMember> ProjectMembers => Set<ProjectMember>();

    public DbSet<SetupClaim> SetupClaims => Set<SetupClaim>();

    public DbSet<SavedFilter> SavedFilters => Set<SavedFilter>();

    public DbSet<Dashboard> Dashboards => Set<Dashboard>();

    public DbSet<DashboardPanel> DashboardPanels => Set<DashboardPanel>();

    public DbSet<DashboardShare> DashboardShares => Set<DashboardShare>();

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        ItemContentHashReset.Apply(ChangeTracker);
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        ItemContentHashReset.Apply(ChangeTracker);
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(ValueAlignDbContext).Assembly);
    }
}
