using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ValueAlign.Core.Data.Migrations.Sqlite
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Benchmark = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    ExternalId = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Text = table.Column<string>(type: "TEXT", nullable: false),
                    Context = table.Column<string>(type: "TEXT", nullable: true),
                    OptionsJson = table.Column<string>(type: "TEXT", nullable: true),
                    Answer = table.Column<string>(type: "TEXT", nullable: true),
                    Language = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    Country = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Modality = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    MediaJson = table.Column<string>(type: "TEXT", nullable: true),
                    Category = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    Explanation = table.Column<string>(type: "TEXT", nullable: true),
                    KnowledgePointsJson = table.Column<string>(type: "TEXT", nullable: true),
                    Theme = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    AlignmentGroup = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    VerificationStatus = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    SourceFormat = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    SourceRecord = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BenchmarkItems", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ImportPresets",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    MappingJson = table.Column<string>(type: "TEXT", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ImportPresets", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ItemLabels",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ItemId = table.Column<long>(type: "INTEGER", nullable: false),
                    ValueSystemId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    DimensionId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Value = table.Column<double>(type: "REAL", nullable: false),
                    Target = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true)
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

            // Full-text search: an external-content FTS5 index over Text and Context, kept in step by triggers.
            migrationBuilder.Sql(@"CREATE VIRTUAL TABLE ""BenchmarkItemsFts"" USING fts5(""Text"", ""Context"", content='BenchmarkItems', content_rowid='Id', tokenize='unicode61 remove_diacritics 2');");
            migrationBuilder.Sql(@"CREATE TRIGGER ""BenchmarkItems_fts_insert"" AFTER INSERT ON ""BenchmarkItems"" BEGIN
    INSERT INTO ""BenchmarkItemsFts""(rowid, ""Text"", ""Context"") VALUES (new.""Id"", new.""Text"", new.""Context"");
END;");
            migrationBuilder.Sql(@"CREATE TRIGGER ""BenchmarkItems_fts_delete"" AFTER DELETE ON ""BenchmarkItems"" BEGIN
    INSERT INTO ""BenchmarkItemsFts""(""BenchmarkItemsFts"", rowid, ""Text"", ""Context"") VALUES ('delete', old.""Id"", old.""Text"", old.""Context"");
END;");
            migrationBuilder.Sql(@"CREATE TRIGGER ""BenchmarkItems_fts_update"" AFTER UPDATE OF ""Text"", ""Context"" ON ""BenchmarkItems"" BEGIN
    INSERT INTO ""BenchmarkItemsFts""(""BenchmarkItemsFts"", rowid, ""Text"", ""Context"") VALUES ('delete', old.""Id"", old.""Text"", old.""Context"");
    INSERT INTO ""BenchmarkItemsFts""(rowid, ""Text"", ""Context"") VALUES (new.""Id"", new.""Text"", new.""Context"");
END;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(@"DROP TRIGGER IF EXISTS ""BenchmarkItems_fts_update"";");
            migrationBuilder.Sql(@"DROP TRIGGER IF EXISTS ""BenchmarkItems_fts_delete"";");
            migrationBuilder.Sql(@"DROP TRIGGER IF EXISTS ""BenchmarkItems_fts_insert"";");
            migrationBuilder.Sql(@"DROP TABLE IF EXISTS ""BenchmarkItemsFts"";");

            migrationBuilder.DropTable(
                name: "ImportPresets");

            migrationBuilder.DropTable(
                name: "ItemLabels");

            migrationBuilder.DropTable(
                name: "BenchmarkItems");
        }
    }
}
