using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ValueAlign.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ProjectQueueCloseAndSetupClaims : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "QueueClosedAt",
                table: "VerificationProjects",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "SetupClaims",
                columns: table => new
                {
                    Key = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ClaimedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SetupClaims", x => x.Key);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SetupClaims");

            migrationBuilder.DropColumn(
                name: "QueueClosedAt",
                table: "VerificationProjects");
        }
    }
}
