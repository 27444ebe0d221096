using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ValueAlign.Core.Values.Objectives.Store;

internal sealed class ObjectiveVersionConfiguration : IEntityTypeConfiguration<ObjectiveVersion>
{
    public void Configure(EntityTypeBuilder<ObjectiveVersion> version)
    {
        version.ToTable("ObjectiveVersions");
        version.HasKey(v => v.Id);
        // Two concurrent saves of the same objective compute the same next number; this index makes the later one fail.
        version.HasIndex(v => new { v.ObjectiveId, v.Version }).IsUnique();
        version.Property(v => v.ObjectiveJson).IsRequired();
        version.Property(v => v.Note).HasMaxLength(ObjectiveStore.MaxNoteLength).IsRequired();
        version.Property(v => v.Author).HasMaxLength(256).IsRequired();
        version.ToTable(t => t.HasCheckConstraint("CK_ObjectiveVersions_Version", "\"Version\" >= 1"));
    }
}
