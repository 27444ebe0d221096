using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ValueAlign.Core.Annotation.Model;

namespace ValueAlign.Core.Annotation.EntityConfigurations;

internal sealed class ReservationConfiguration : IEntityTypeConfiguration<Reservation>
{
    public void Configure(EntityTypeBuilder<Reservation> reservation)
    {
        reservation.ToTable("Reservations");
        reservation.HasKey(r => r.Id);
        reservation.Property(r => r.AnnotatorId).HasMaxLength(450).IsRequired();
        reservation.HasOne(r => r.ProjectItem).WithMany().HasForeignKey(r => r.ProjectItemId).OnDelete(DeleteBehavior.Cascade);
        reservation.HasOne<VerificationProject>().WithMany().HasForeignKey(r => r.ProjectId).OnDelete(DeleteBehavior.Cascade);
        // Last line of defence: one item is never held twice by the same annotator.
        reservation.HasIndex(r => new { r.ProjectItemId, r.AnnotatorId }).IsUnique();
        reservation.HasIndex(r => new { r.ProjectItemId, r.ExpiresAt });
        reservation.HasIndex(r => new { r.ProjectId, r.AnnotatorId, r.ExpiresAt });
    }
}
