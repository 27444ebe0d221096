using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ValueAlign.Core.Annotation.Model;

namespace ValueAlign.Core.Annotation.EntityConfigurations;

internal sealed class ProjectMemberConfiguration : IEntityTypeConfiguration<ProjectMember>
{
    public void Configure(EntityTypeBuilder<ProjectMember> member)
    {
        member.ToTable("ProjectMembers");
        // The key doubles as the index of the queue's membership check (project, user).
        member.HasKey(m => new { m.ProjectId, m.UserId });
        member.Property(m => m.UserId).HasMaxLength(450).IsRequired();
        member.HasOne<VerificationProject>().WithMany().HasForeignKey(m => m.ProjectId).OnDelete(DeleteBehavior.Cascade);
        // An annotator's project list.
        member.HasIndex(m => m.UserId);
    }
}
