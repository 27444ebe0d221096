using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ValueAlign.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ItemContentKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "CacheKey",
                table: "EvalRuns",
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "ItemContentHash",
                table: "EvalItemResults",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ContentHash",
                table: "BenchmarkItems",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            // Runs from before content keys: their configuration hash had no content, which is the
            // cache key now. Their results carry no content key and are never reused; item hashes
            // are computed on demand (SQLite has no SHA-256 in SQL).
            migrationBuilder.Sql("UPDATE \"EvalRuns\" SET \"CacheKey\" = \"ConfigHash\";");

            migrationBuilder.CreateIndex(
                name: "IX_EvalRuns_CacheKey",
                table: "EvalRuns",
                column: "CacheKey");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_EvalRuns_CacheKey",
                table: "EvalRuns");

            migrationBuilder.DropColumn(
                name: "CacheKey",
                table: "EvalRuns");

            migrationBuilder.DropColumn(
                name: "ItemContentHash",
                table: "EvalItemResults");

            migrationBuilder.DropColumn(
                name: "ContentHash",
                table: "BenchmarkItems");
        }
    }
}
