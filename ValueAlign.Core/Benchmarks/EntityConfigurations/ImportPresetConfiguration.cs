using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ValueAlign.Core.Benchmarks.Model;

namespace ValueAlign.Core.Benchmarks.EntityConfigurations;

internal sealed class ImportPresetConfiguration : IEntityTypeConfiguration<ImportPreset>
{
    public void Configure(EntityTypeBuilder<ImportPreset> preset)
    {
        preset.ToTable("ImportPresets");
        preset.HasKey(p => p.Id);
        preset.Property(p => p.Name).HasMaxLength(128).IsRequired();
        preset.Property(p => p.MappingJson).IsRequired();
        preset.HasIndex(p => p.Name).IsUnique();
    }
}
