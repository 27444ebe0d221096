using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace ValueAlign.Core.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class RunKindsAndArtefacts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Kind",
                table: "EvalRuns",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "Evaluation");

            // Runs of the counterfactual batch study existed before kinds did.
            migrationBuilder.Sql("UPDATE \"EvalRuns\" SET \"Kind\" = 'Study' WHERE \"Method\" = 'counterfactual-study'");

            migrationBuilder.CreateTable(
                name: "RunArtefacts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RunId = table.Column<long>(type: "bigint", nullable: false),
                    Name = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    MediaType = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    FileName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Content = table.Column<byte[]>(type: "bytea", nullable: false),
                    SizeBytes = table.Column<long>(type: "bigint", nullable: false),
                    Sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RunArtefacts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RunArtefacts_EvalRuns_RunId",
                        column: x => x.RunId,
                        principalTable: "EvalRuns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_EvalRuns_Kind",
                table: "EvalRuns",
                column: "Kind");

            migrationBuilder.CreateIndex(
                name: "IX_RunArtefacts_Kind",
                table: "RunArtefacts",
                column: "Kind");

            migrationBuilder.CreateIndex(
                name: "IX_RunArtefacts_RunId_Name",
                table: "RunArtefacts",
                columns: new[] { "RunId", "Name" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "RunArtefacts");

            migrationBuilder.DropIndex(
                name: "IX_EvalRuns_Kind",
                table: "EvalRuns");

            migrationBuilder.DropColumn(
                name: "Kind",
                table: "EvalRuns");
        }
    }
}
