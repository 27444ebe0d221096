using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ValueAlign.Core.Values.Objectives.Store;

internal sealed class SavedObjectiveConfiguration : IEntityTypeConfiguration<SavedObjective>
{
    public void Configure(EntityTypeBuilder<SavedObjective> objective)
    {
        objective.ToTable("Objectives");
        objective.HasKey(o => o.Id);
        objective.Property(o => o.Name).HasMaxLength(ObjectiveStore.MaxNameLength).IsRequired();
        objective.HasIndex(o => o.Name).IsUnique();
        objective.Property(o => o.Description).HasMaxLength(ObjectiveStore.MaxDescriptionLength).IsRequired();
        objective.Property(o => o.ValueSystemId).HasMaxLength(128).IsRequired();
        objective.Property(o => o.CreatedBy).HasMaxLength(256).IsRequired();
        objective.HasMany(o => o.Versions).WithOne().HasForeignKey(v => v.ObjectiveId).OnDelete(DeleteBehavior.Cascade);
        objective.ToTable(t => t.HasCheckConstraint("CK_Objectives_CurrentVersion", "\"CurrentVersion\" >= 1"));
    }
}
