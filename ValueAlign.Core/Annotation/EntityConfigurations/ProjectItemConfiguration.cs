using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ValueAlign.Core.Annotation.Model;

namespace ValueAlign.Core.Annotation.EntityConfigurations;

internal sealed class ProjectItemConfiguration : IEntityTypeConfiguration<ProjectItem>
{
    public void Configure(EntityTypeBuilder<ProjectItem> item)
    {
        item.ToTable("ProjectItems", t => t.HasCheckConstraint("CK_ProjectItems_AnnotationCount", "\"AnnotationCount\" >= 0"));
        item.HasKey(i => i.Id);
        item.HasOne(i => i.Project).WithMany(p => p.Items).HasForeignKey(i => i.ProjectId).OnDelete(DeleteBehavior.Cascade);
        item.HasOne(i => i.Item).WithMany().HasForeignKey(i => i.ItemId).OnDelete(DeleteBehavior.Cascade);
        item.HasIndex(i => new { i.ProjectId, i.ItemId }).IsUnique();
        // The queue reads a project's items least-annotated first, then in tie order.
        item.HasIndex(i => new { i.ProjectId, i.IsGold, i.AnnotationCount, i.TieBreak });
    }
}
