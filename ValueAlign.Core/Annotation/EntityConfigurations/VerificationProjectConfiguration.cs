using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ValueAlign.Core.Annotation.Model;

namespace ValueAlign.Core.Annotation.EntityConfigurations;

internal sealed class VerificationProjectConfiguration : IEntityTypeConfiguration<VerificationProject>
{
    public void Configure(EntityTypeBuilder<VerificationProject> project)
    {
        project.ToTable("VerificationProjects");
        project.HasKey(p => p.Id);
        project.Property(p => p.Name).HasMaxLength(200).IsRequired();
        project.HasIndex(p => p.Name).IsUnique();
        project.Property(p => p.ItemFilterJson).IsRequired();
        project.Property(p => p.LabelSchemaJson).IsRequired();
        project.Property(p => p.GuidelinesMarkdown).IsRequired();
        project.Property(p => p.CreatedBy).HasMaxLength(450).IsRequired();
        project.Ignore(p => p.ReservationTimeout);
        project.ToTable(t =>
        {
            t.HasCheckConstraint("CK_VerificationProjects_Overlap", "\"Overlap\" >= 1");
            t.HasCheckConstraint("CK_VerificationProjects_GoldRate", "\"GoldRate\" >= 0 AND \"GoldRate\" <= 1");
            t.HasCheckConstraint("CK_VerificationProjects_ReservationTimeout", "\"ReservationTimeoutSeconds\" >= 1");
        });
    }
}
