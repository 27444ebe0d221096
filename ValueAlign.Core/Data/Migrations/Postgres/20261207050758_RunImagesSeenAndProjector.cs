using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ValueAlign.Core.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class RunImagesSeenAndProjector : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "ImagesSeen",
                table: "EvalRuns",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "ProjectorFileName",
                table: "EvalRuns",
                type: "character varying(300)",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ProjectorSha256",
                table: "EvalRuns",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ImagesSeen",
                table: "EvalRuns");

            migrationBuilder.DropColumn(
                name: "ProjectorFileName",
                table: "EvalRuns");

            migrationBuilder.DropColumn(
                name: "ProjectorSha256",
                table: "EvalRuns");
        }
    }
}
