using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ValueAlign.Core.Annotation.Model;

namespace ValueAlign.Core.Annotation.EntityConfigurations;

internal sealed class ItemSkipConfiguration : IEntityTypeConfiguration<ItemSkip>
{
    public void Configure(EntityTypeBuilder<ItemSkip> skip)
    {
        skip.ToTable("ItemSkips");
        skip.HasKey(s => s.Id);
        skip.Property(s => s.AnnotatorId).HasMaxLength(450).IsRequired();
        skip.HasOne(s => s.ProjectItem).WithMany().HasForeignKey(s => s.ProjectItemId).OnDelete(DeleteBehavior.Cascade);
        skip.HasOne<VerificationProject>().WithMany().HasForeignKey(s => s.ProjectId).OnDelete(DeleteBehavior.Cascade);
        skip.HasIndex(s => new { s.ProjectItemId, s.AnnotatorId }).IsUnique();
        skip.HasIndex(s => s.ReservationId).IsUnique();
        skip.HasIndex(s => new { s.ProjectId, s.AnnotatorId });
    }
}
