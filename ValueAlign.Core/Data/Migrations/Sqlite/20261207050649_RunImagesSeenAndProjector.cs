using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ValueAlign.Core.Data.Migrations.Sqlite
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
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "ProjectorFileName",
                table: "EvalRuns",
                type: "TEXT",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ProjectorSha256",
                table: "EvalRuns",
                type: "TEXT",
                maxLength: 64,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // SQLite's native DROP COLUMN rather than EF's table rebuild: the rebuild recreates
            // EvalRuns from the previous migration's model, which was generated on a branch
            // without some of the table's columns (RunModelRefs') and would drop them too.
            migrationBuilder.Sql("ALTER TABLE \"EvalRuns\" DROP COLUMN \"ImagesSeen\";");
            migrationBuilder.Sql("ALTER TABLE \"EvalRuns\" DROP COLUMN \"ProjectorFileName\";");
            migrationBuilder.Sql("ALTER TABLE \"EvalRuns\" DROP COLUMN \"ProjectorSha256\";");
        }
    }
}
