using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace ValueAlign.Core.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class BenchmarkItems : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "BenchmarkItems",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Benchmark = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    ExternalId = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Text = table.Column<string>(type: "text", nullable: false),
                    Context = table.Column<string>(type: "text", nullable: true),
                    OptionsJson = table.Column<string>(type: "text", nullable: true),
                    Answer = table.Column<string>(type: "text", nullable: true),
                    Language = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    Country = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Modality = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    MediaJson = table.Column<string>(type: "text", nullable: true),
                    Category = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    Explanation = table.Column<string>(type: "text", nullable: true),
                    KnowledgePointsJson = table.Column<string>(type: "text", nullable: true),
                    Theme = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    AlignmentGroup = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    VerificationStatus = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    SourceFormat = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    SourceRecord = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BenchmarkItems", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ImportPresets",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Name = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    MappingJson = table.Column<string>(type: "text", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ImportPresets", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ItemLabels",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ItemId = table.Column<long>(type: "bigint", nullable: false),
                    ValueSystemId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    DimensionId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    Value = table.Column<double>(type: "double precision", nullable: false),
                    Target = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ItemLabels", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ItemLabels_BenchmarkItems_ItemId",
                        column: x => x.ItemId,
                        principalTable: "BenchmarkItems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_BenchmarkItems_AlignmentGroup_Id",
                table: "BenchmarkItems",
                columns: new[] { "AlignmentGroup", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_BenchmarkItems_Benchmark_ExternalId",
                table: "BenchmarkItems",
                columns: new[] { "Benchmark", "ExternalId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_BenchmarkItems_Benchmark_Id",
                table: "BenchmarkItems",
                columns: new[] { "Benchmark", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_BenchmarkItems_Category_Id",
                table: "BenchmarkItems",
                columns: new[] { "Category", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_BenchmarkItems_Country_Modality_Language_Id",
                table: "BenchmarkItems",
                columns: new[] { "Country", "Modality", "Language", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_BenchmarkItems_Kind_Id",
                table: "BenchmarkItems",
                columns: new[] { "Kind", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_BenchmarkItems_Language_Modality_Id",
                table: "BenchmarkItems",
                columns: new[] { "Language", "Modality", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_BenchmarkItems_Modality_Id",
                table: "BenchmarkItems",
                columns: new[] { "Modality", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_BenchmarkItems_VerificationStatus_Id",
                table: "BenchmarkItems",
                columns: new[] { "VerificationStatus", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_ImportPresets_Name",
                table: "ImportPresets",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ItemLabels_ItemId",
                table: "ItemLabels",
                column: "ItemId");

            migrationBuilder.CreateIndex(
                name: "IX_ItemLabels_ValueSystemId_DimensionId_ItemId",
                table: "ItemLabels",
                columns: new[] { "ValueSystemId", "DimensionId", "ItemId" });

            // Full-text search: a stored tsvector over Text and Context ('simple' config: no
            // language-specific stemming, the items are multilingual) with a GIN index.
            migrationBuilder.Sql(@"ALTER TABLE ""BenchmarkItems"" ADD COLUMN ""SearchVector"" tsvector GENERATED ALWAYS AS (to_tsvector('simple', coalesce(""Text"", '') || ' ' || coalesce(""Context"", ''))) STORED;");
            migrationBuilder.Sql(@"CREATE INDEX ""IX_BenchmarkItems_SearchVector"" ON ""BenchmarkItems"" USING GIN (""SearchVector"");");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(@"DROP INDEX IF EXISTS ""IX_BenchmarkItems_SearchVector"";");
            migrationBuilder.Sql(@"ALTER TABLE ""BenchmarkItems"" DROP COLUMN IF EXISTS ""SearchVector"";");

            migrationBuilder.DropTable(
                name: "ImportPresets");

            migrationBuilder.DropTable(
                name: "ItemLabels");

            migrationBuilder.DropTable(
                name: "BenchmarkItems");
        }
    }
}
