using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ValueAlign.Core.Annotation.Model;
using ValueAlign.Core.Benchmarks.Model;

namespace ValueAlign.Core.Annotation.Adjudication;

internal sealed class VerifiedLabelConfiguration : IEntityTypeConfiguration<VerifiedLabel>
{
    public void Configure(EntityTypeBuilder<VerifiedLabel> label)
    {
        label.ToTable("VerifiedLabels");
        label.HasKey(l => l.Id);
        label.Property(l => l.QuestionKey).HasMaxLength(100).IsRequired();
        label.Property(l => l.Label).HasMaxLength(2000).IsRequired();
        label.Property(l => l.DecidedBy).HasMaxLength(450).IsRequired();
        label.Property(l => l.SourceAnnotationIdsJson).IsRequired();
        label.Property(l => l.Method).HasConversion<string>().HasMaxLength(20);
        label.HasOne<VerificationProject>().WithMany().HasForeignKey(l => l.ProjectId).OnDelete(DeleteBehavior.Cascade);
        label.HasOne<ProjectItem>().WithMany().HasForeignKey(l => l.ProjectItemId).OnDelete(DeleteBehavior.Cascade);
        label.HasOne<BenchmarkItem>().WithMany().HasForeignKey(l => l.BenchmarkItemId).OnDelete(DeleteBehavior.Cascade);
        label.HasIndex(l => new { l.ProjectItemId, l.QuestionKey }).IsUnique();
        label.HasIndex(l => new { l.ProjectId, l.QuestionKey });
        label.HasIndex(l => l.BenchmarkItemId);
    }
}
