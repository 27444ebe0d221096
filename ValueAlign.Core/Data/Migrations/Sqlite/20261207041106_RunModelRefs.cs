using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ValueAlign.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RunModelRefs : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "JudgeLocation",
                table: "EvalRuns",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "JudgeRefJson",
                table: "EvalRuns",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ModelRefJson",
                table: "EvalRuns",
                type: "TEXT",
                maxLength: 2000,
                nullable: false,
                defaultValue: "");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "JudgeLocation",
                table: "EvalRuns");

            migrationBuilder.DropColumn(
                name: "JudgeRefJson",
                table: "EvalRuns");

            migrationBuilder.DropColumn(
                name: "ModelRefJson",
                table: "EvalRuns");
        }
    }
}
