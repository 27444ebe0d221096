using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ValueAlign.Core.Accounts;

/// <summary>
/// A one-time set-up step that has happened, keyed by name. The primary key is the cross-process
/// lock: two workbench processes racing to create the first Admin both insert
/// <see cref="FirstAdmin"/>, and the database lets exactly one of them commit.
/// </summary>
public sealed class SetupClaim
{
    public const string FirstAdmin = "first-admin";

    public string Key { get; set; } = "";

    public DateTime ClaimedAt { get; set; }
}

internal sealed class SetupClaimConfiguration : IEntityTypeConfiguration<SetupClaim>
{
    public void Configure(EntityTypeBuilder<SetupClaim> claim)
    {
        claim.ToTable("SetupClaims");
        claim.HasKey(c => c.Key);
        claim.Property(c => c.Key).HasMaxLength(64);
    }
}
