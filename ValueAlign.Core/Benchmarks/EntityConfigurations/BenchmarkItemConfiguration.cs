using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ValueAlign.Core.Benchmarks.Model;

namespace ValueAlign.Core.Benchmarks.EntityConfigurations;

/// <summary>
/// Table and indexes of <see cref="BenchmarkItem"/>. Each browser filter has an index that ends in
/// <c>Id</c> so a filtered page sorted by id reads only the rows it shows. Country, language and
/// modality are usually combined; their composite indexes answer the count and the filter from
/// the index alone (bench library: country + modality page 30 ms → 5 ms at 100k items).
/// </summary>
internal sealed class BenchmarkItemConfiguration : IEntityTypeConfiguration<BenchmarkItem>
{
    public const string Table = "BenchmarkItems";

    public void Configure(EntityTypeBuilder<BenchmarkItem> item)
    {
        item.ToTable(Table);
        item.HasKey(i => i.Id);
        item.Property(i => i.Benchmark).HasMaxLength(128).IsRequired();
        item.Property(i => i.ExternalId).HasMaxLength(256).IsRequired();
        item.Property(i => i.Kind).HasConversion<string>().HasMaxLength(32);
        item.Property(i => i.Modality).HasConversion<string>().HasMaxLength(16);
        item.Property(i => i.VerificationStatus).HasConversion<string>().HasMaxLength(16);
        item.Property(i => i.Text).IsRequired();
        item.Property(i => i.Language).HasMaxLength(32);
        item.Property(i => i.Country).HasMaxLength(64);
        item.Property(i => i.Category).HasMaxLength(128);
        item.Property(i => i.Theme).HasMaxLength(256);
        item.Property(i => i.AlignmentGroup).HasMaxLength(256);
        item.Property(i => i.SourceFormat).HasMaxLength(64).IsRequired();
        item.Property(i => i.SourceRecord).IsRequired();
        item.Property(i => i.ContentHash).HasMaxLength(ItemContentHash.Length);

        item.HasIndex(i => new { i.Benchmark, i.ExternalId }).IsUnique();
        item.HasIndex(i => new { i.Benchmark, i.Id });
        item.HasIndex(i => new { i.Kind, i.Id });
        item.HasIndex(i => new { i.Country, i.Modality, i.Language, i.Id });
        item.HasIndex(i => new { i.Language, i.Modality, i.Id });
        item.HasIndex(i => new { i.Modality, i.Id });
        item.HasIndex(i => new { i.Category, i.Id });
        item.HasIndex(i => new { i.AlignmentGroup, i.Id });
        item.HasIndex(i => new { i.VerificationStatus, i.Id });

        item.HasMany(i => i.Labels).WithOne(l => l.Item!).HasForeignKey(l => l.ItemId).OnDelete(DeleteBehavior.Cascade);
    }
}
