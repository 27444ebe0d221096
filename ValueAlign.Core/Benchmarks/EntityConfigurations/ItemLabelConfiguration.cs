using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ValueAlign.Core.Benchmarks.Model;

namespace ValueAlign.Core.Benchmarks.EntityConfigurations;

internal sealed class ItemLabelConfiguration : IEntityTypeConfiguration<ItemLabel>
{
    public const string Table = "ItemLabels";

    public void Configure(EntityTypeBuilder<ItemLabel> label)
    {
        label.ToTable(Table);
        label.HasKey(l => l.Id);
        label.Property(l => l.ValueSystemId).HasMaxLength(64).IsRequired();
        label.Property(l => l.DimensionId).HasMaxLength(128).IsRequired();
        label.Property(l => l.Target).HasMaxLength(64);
        label.HasIndex(l => l.ItemId);
        // The label filter looks up items by (value system, dimension) and then joins on the item.
        label.HasIndex(l => new { l.ValueSystemId, l.DimensionId, l.ItemId });
    }
}
