using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ValueAlign.Core.Evaluation;

namespace ValueAlign.Core.Dashboards;

internal sealed class DashboardConfiguration : IEntityTypeConfiguration<Dashboard>
{
    public void Configure(EntityTypeBuilder<Dashboard> dashboard)
    {
        dashboard.ToTable("Dashboards");
        dashboard.Property(d => d.Name).HasMaxLength(200);
        dashboard.Property(d => d.Description).HasMaxLength(2000);
        dashboard.Property(d => d.Owner).HasMaxLength(256);
        dashboard.HasMany(d => d.Panels).WithOne().HasForeignKey(p => p.DashboardId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class DashboardPanelConfiguration : IEntityTypeConfiguration<DashboardPanel>
{
    public void Configure(EntityTypeBuilder<DashboardPanel> panel)
    {
        panel.ToTable("DashboardPanels");
        panel.Property(p => p.ChartId).HasMaxLength(128);
        panel.Property(p => p.Title).HasMaxLength(300);
        panel.HasIndex(p => new { p.DashboardId, p.Order });
        // Deleting a run removes it from dashboards rather than leaving dangling panels.
        panel.HasOne<EvalRun>().WithMany().HasForeignKey(p => p.RunId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class DashboardShareConfiguration : IEntityTypeConfiguration<DashboardShare>
{
    public void Configure(EntityTypeBuilder<DashboardShare> share)
    {
        share.ToTable("DashboardShares");
        share.Property(s => s.TokenHash).HasMaxLength(32);
        share.Property(s => s.CreatedBy).HasMaxLength(256);
        share.HasIndex(s => s.TokenHash).IsUnique();
        share.HasOne<Dashboard>().WithMany().HasForeignKey(s => s.DashboardId).OnDelete(DeleteBehavior.Cascade);
    }
}
