using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ValueAlign.Core.Evaluation;

internal sealed class EvalRunConfiguration : IEntityTypeConfiguration<EvalRun>
{
    public void Configure(EntityTypeBuilder<EvalRun> run)
    {
        run.ToTable("EvalRuns");
        run.Property(r => r.Method).HasMaxLength(64);
        run.Property(r => r.ConfigHash).HasMaxLength(64);
        run.Property(r => r.SystemPrompt).HasMaxLength(EvalRunService.MaxSystemPromptLength);
        run.Property(r => r.ModelSha256).HasMaxLength(64);
        run.Property(r => r.ProjectorSha256).HasMaxLength(64);
        run.Property(r => r.ProjectorFileName).HasMaxLength(300);
        run.Property(r => r.Name).HasMaxLength(300);
        run.Property(r => r.ModelRefJson).HasMaxLength(2000);
        run.Property(r => r.JudgeRefJson).HasMaxLength(2000);
        run.Property(r => r.JudgeLocation).HasMaxLength(1000);
        run.Ignore(r => r.ModelIdentity);
        run.Ignore(r => r.JudgeIdentity);
        run.HasIndex(r => r.ConfigHash);
        run.Property(r => r.CacheKey).HasMaxLength(64);
        run.HasIndex(r => r.CacheKey);
        run.HasIndex(r => r.Method);
        run.Property(r => r.Kind).HasConversion<string>().HasMaxLength(16).HasDefaultValue(RunKind.Evaluation);
        run.HasIndex(r => r.Kind);
    }
}

internal sealed class EvalItemResultConfiguration : IEntityTypeConfiguration<EvalItemResult>
{
    public void Configure(EntityTypeBuilder<EvalItemResult> result)
    {
        result.ToTable("EvalItemResults");
        result.Property(r => r.UnitKey).HasMaxLength(64);
        result.Property(r => r.ItemContentHash).HasMaxLength(64);
        result.HasIndex(r => new { r.RunId, r.ItemId, r.UnitKey }).IsUnique();
        result.HasOne<EvalRun>().WithMany().HasForeignKey(r => r.RunId).OnDelete(DeleteBehavior.Cascade);
    }
}
