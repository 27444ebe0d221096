using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ValueAlign.Core.Annotation.Model;

namespace ValueAlign.Core.Annotation.EntityConfigurations;

internal sealed class ItemAnnotationConfiguration : IEntityTypeConfiguration<ItemAnnotation>
{
    public void Configure(EntityTypeBuilder<ItemAnnotation> annotation)
    {
        annotation.ToTable("Annotations", t => t.HasCheckConstraint("CK_Annotations_TimeSpentMs", "\"TimeSpentMs\" >= 0"));
        annotation.HasKey(a => a.Id);
        annotation.Property(a => a.AnnotatorId).HasMaxLength(450).IsRequired();
        annotation.Property(a => a.AnswersJson).IsRequired();
        annotation.HasOne(a => a.ProjectItem).WithMany().HasForeignKey(a => a.ProjectItemId).OnDelete(DeleteBehavior.Cascade);
        annotation.HasOne<VerificationProject>().WithMany().HasForeignKey(a => a.ProjectId).OnDelete(DeleteBehavior.Cascade);
        // Never twice to one annotator, whatever the service does.
        annotation.HasIndex(a => new { a.ProjectItemId, a.AnnotatorId }).IsUnique();
        annotation.HasIndex(a => a.ReservationId).IsUnique();
        annotation.HasIndex(a => new { a.ProjectId, a.AnnotatorId, a.CreatedAt });
    }
}
