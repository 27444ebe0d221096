using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace ValueAlign.Core.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Adjudication : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "DisagreementRuleJson",
                table: "VerificationProjects",
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateTable(
                name: "VerifiedLabels",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ProjectId = table.Column<long>(type: "bigint", nullable: false),
                    ProjectItemId = table.Column<long>(type: "bigint", nullable: false),
                    BenchmarkItemId = table.Column<long>(type: "bigint", nullable: false),
                    QuestionKey = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Label = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    DecidedBy = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    DecidedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    SourceAnnotationIdsJson = table.Column<string>(type: "text", nullable: false),
                    Method = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VerifiedLabels", x => x.Id);
                    table.ForeignKey(
                        name: "FK_VerifiedLabels_BenchmarkItems_BenchmarkItemId",
                        column: x => x.BenchmarkItemId,
                        principalTable: "BenchmarkItems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_VerifiedLabels_ProjectItems_ProjectItemId",
                        column: x => x.ProjectItemId,
                        principalTable: "ProjectItems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_VerifiedLabels_VerificationProjects_ProjectId",
                        column: x => x.ProjectId,
                        principalTable: "VerificationProjects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_VerifiedLabels_BenchmarkItemId",
                table: "VerifiedLabels",
                column: "BenchmarkItemId");

            migrationBuilder.CreateIndex(
                name: "IX_VerifiedLabels_ProjectId_QuestionKey",
                table: "VerifiedLabels",
                columns: new[] { "ProjectId", "QuestionKey" });

            migrationBuilder.CreateIndex(
                name: "IX_VerifiedLabels_ProjectItemId_QuestionKey",
                table: "VerifiedLabels",
                columns: new[] { "ProjectItemId", "QuestionKey" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "VerifiedLabels");

            migrationBuilder.DropColumn(
                name: "DisagreementRuleJson",
                table: "VerificationProjects");
        }
    }
}
