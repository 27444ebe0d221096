using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ValueAlign.Core.Evaluation.Artefacts;

internal sealed class RunArtefactConfiguration : IEntityTypeConfiguration<RunArtefact>
{
    public void Configure(EntityTypeBuilder<RunArtefact> artefact)
    {
        artefact.ToTable("RunArtefacts");
        artefact.Property(a => a.Name).HasMaxLength(RunArtefactDraft.MaxNameLength);
        artefact.Property(a => a.Kind).HasConversion<string>().HasMaxLength(16);
        artefact.Property(a => a.MediaType).HasMaxLength(100);
        artefact.Property(a => a.FileName).HasMaxLength(200);
        artefact.Property(a => a.Description).HasMaxLength(1000);
        artefact.Property(a => a.Sha256).HasMaxLength(64);
        artefact.HasIndex(a => new { a.RunId, a.Name }).IsUnique();
        artefact.HasIndex(a => a.Kind);
        artefact.HasOne<EvalRun>().WithMany().HasForeignKey(a => a.RunId).OnDelete(DeleteBehavior.Cascade);
    }
}
