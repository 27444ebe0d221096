using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ValueAlign.Core.Annotation.Judging;

internal sealed class JudgeLabelConfiguration : IEntityTypeConfiguration<JudgeLabel>
{
    public void Configure(EntityTypeBuilder<JudgeLabel> label)
    {
        label.ToTable("JudgeLabels");
        label.Property(l => l.QuestionKey).HasMaxLength(64);
        label.Property(l => l.JudgeModel).HasMaxLength(300);
        label.HasIndex(l => new { l.BenchmarkItemId, l.QuestionKey });
        label.HasIndex(l => l.EvalRunId);
    }
}
