using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ValueAlign.Core.Benchmarks.SavedFilters;

internal sealed class SavedFilterConfiguration : IEntityTypeConfiguration<SavedFilter>
{
    public void Configure(EntityTypeBuilder<SavedFilter> filter)
    {
        filter.ToTable("SavedFilters");
        filter.HasKey(f => f.Id);
        filter.Property(f => f.Name).HasMaxLength(SavedFilterStore.MaxNameLength).IsRequired();
        filter.HasIndex(f => f.Name).IsUnique();
        filter.Property(f => f.FilterJson).IsRequired();
        filter.Property(f => f.CreatedBy).HasMaxLength(450).IsRequired();
    }
}
