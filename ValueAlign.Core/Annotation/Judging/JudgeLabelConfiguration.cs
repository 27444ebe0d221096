using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ValueAlign.Core.Benchmarks.Model;

namespace ValueAlign.Core.Annotation.Judging;

internal sealed class JudgeLabelConfiguration : IEntityTypeConfiguration<JudgeLabel>
{
    public void Configure(EntityTypeBuilder<JudgeLabel> label)
    {
        label.ToTable("JudgeLabels");
        label.HasKey(l => l.Id);
        label.Property(l => l.QuestionKey).HasMaxLength(100).IsRequired();
        label.Property(l => l.Label).HasMaxLength(2000).IsRequired();
        label.Property(l => l.JudgeModel).HasMaxLength(300).IsRequired();
        label.HasOne<BenchmarkItem>().WithMany().HasForeignKey(l => l.BenchmarkItemId).OnDelete(DeleteBehavior.Cascade);
        label.HasIndex(l => new { l.BenchmarkItemId, l.QuestionKey, l.JudgeModel });
        label.HasIndex(l => l.EvalRunId);
    }
}
