using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ValueAlign.Core.Jobs;

internal sealed class BackgroundJobConfiguration : IEntityTypeConfiguration<BackgroundJob>
{
    public void Configure(EntityTypeBuilder<BackgroundJob> job)
    {
        job.ToTable("BackgroundJobs");
        job.Property(j => j.Kind).HasMaxLength(64);
        job.Property(j => j.Title).HasMaxLength(300);
        job.Property(j => j.CreatedBy).HasMaxLength(256);
        job.Property(j => j.Message).HasMaxLength(1000);
        job.HasIndex(j => new { j.State, j.Id });
    }
}
