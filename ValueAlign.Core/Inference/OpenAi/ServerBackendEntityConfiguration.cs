using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ValueAlign.Core.Inference.OpenAi;

internal sealed class ServerBackendEntityConfiguration : IEntityTypeConfiguration<ServerBackend>
{
    public void Configure(EntityTypeBuilder<ServerBackend> server)
    {
        server.ToTable("ServerBackends");
        server.Property(s => s.Name).HasMaxLength(64);
        server.Property(s => s.BaseUrl).HasMaxLength(500);
        server.Property(s => s.Model).HasMaxLength(300);
        server.Property(s => s.ApiKeyVariable).HasMaxLength(128);
        server.Property(s => s.CreatedBy).HasMaxLength(256);
        server.HasIndex(s => s.Name).IsUnique();
    }
}
