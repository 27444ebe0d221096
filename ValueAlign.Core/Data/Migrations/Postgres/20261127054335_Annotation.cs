using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace ValueAlign.Core.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Annotation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "VerificationProjects",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ItemFilterJson = table.Column<string>(type: "text", nullable: false),
                    LabelSchemaJson = table.Column<string>(type: "text", nullable: false),
                    GuidelinesMarkdown = table.Column<string>(type: "text", nullable: false),
                    Overlap = table.Column<int>(type: "integer", nullable: false),
                    BlindMode = table.Column<bool>(type: "boolean", nullable: false),
                    GoldRate = table.Column<double>(type: "double precision", nullable: false),
                    ReservationTimeoutSeconds = table.Column<int>(type: "integer", nullable: false),
                    Seed = table.Column<int>(type: "integer", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VerificationProjects", x => x.Id);
                    table.CheckConstraint("CK_VerificationProjects_GoldRate", "\"GoldRate\" >= 0 AND \"GoldRate\" <= 1");
                    table.CheckConstraint("CK_VerificationProjects_Overlap", "\"Overlap\" >= 1");
                    table.CheckConstraint("CK_VerificationProjects_ReservationTimeout", "\"ReservationTimeoutSeconds\" >= 1");
                });

            migrationBuilder.CreateTable(
                name: "ProjectItems",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ProjectId = table.Column<long>(type: "bigint", nullable: false),
                    ItemId = table.Column<long>(type: "bigint", nullable: false),
                    IsGold = table.Column<bool>(type: "boolean", nullable: false),
                    GoldAnswersJson = table.Column<string>(type: "text", nullable: true),
                    AnnotationCount = table.Column<int>(type: "integer", nullable: false),
                    TieBreak = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProjectItems", x => x.Id);
                    table.CheckConstraint("CK_ProjectItems_AnnotationCount", "\"AnnotationCount\" >= 0");
                    table.ForeignKey(
                        name: "FK_ProjectItems_BenchmarkItems_ItemId",
                        column: x => x.ItemId,
                        principalTable: "BenchmarkItems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ProjectItems_VerificationProjects_ProjectId",
                        column: x => x.ProjectId,
                        principalTable: "VerificationProjects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Annotations",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ProjectId = table.Column<long>(type: "bigint", nullable: false),
                    ProjectItemId = table.Column<long>(type: "bigint", nullable: false),
                    AnnotatorId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    ReservationId = table.Column<long>(type: "bigint", nullable: false),
                    AnswersJson = table.Column<string>(type: "text", nullable: false),
                    TimeSpentMs = table.Column<long>(type: "bigint", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Annotations", x => x.Id);
                    table.CheckConstraint("CK_Annotations_TimeSpentMs", "\"TimeSpentMs\" >= 0");
                    table.ForeignKey(
                        name: "FK_Annotations_ProjectItems_ProjectItemId",
                        column: x => x.ProjectItemId,
                        principalTable: "ProjectItems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Annotations_VerificationProjects_ProjectId",
                        column: x => x.ProjectId,
                        principalTable: "VerificationProjects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ItemSkips",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ProjectId = table.Column<long>(type: "bigint", nullable: false),
                    ProjectItemId = table.Column<long>(type: "bigint", nullable: false),
                    AnnotatorId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    ReservationId = table.Column<long>(type: "bigint", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ItemSkips", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ItemSkips_ProjectItems_ProjectItemId",
                        column: x => x.ProjectItemId,
                        principalTable: "ProjectItems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ItemSkips_VerificationProjects_ProjectId",
                        column: x => x.ProjectId,
                        principalTable: "VerificationProjects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Reservations",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ProjectId = table.Column<long>(type: "bigint", nullable: false),
                    ProjectItemId = table.Column<long>(type: "bigint", nullable: false),
                    AnnotatorId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    ReservedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Reservations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Reservations_ProjectItems_ProjectItemId",
                        column: x => x.ProjectItemId,
                        principalTable: "ProjectItems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Reservations_VerificationProjects_ProjectId",
                        column: x => x.ProjectId,
                        principalTable: "VerificationProjects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Annotations_ProjectId_AnnotatorId_CreatedAt",
                table: "Annotations",
                columns: new[] { "ProjectId", "AnnotatorId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Annotations_ProjectItemId_AnnotatorId",
                table: "Annotations",
                columns: new[] { "ProjectItemId", "AnnotatorId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Annotations_ReservationId",
                table: "Annotations",
                column: "ReservationId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ItemSkips_ProjectId_AnnotatorId",
                table: "ItemSkips",
                columns: new[] { "ProjectId", "AnnotatorId" });

            migrationBuilder.CreateIndex(
                name: "IX_ItemSkips_ProjectItemId_AnnotatorId",
                table: "ItemSkips",
                columns: new[] { "ProjectItemId", "AnnotatorId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ItemSkips_ReservationId",
                table: "ItemSkips",
                column: "ReservationId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ProjectItems_ItemId",
                table: "ProjectItems",
                column: "ItemId");

            migrationBuilder.CreateIndex(
                name: "IX_ProjectItems_ProjectId_IsGold_AnnotationCount_TieBreak",
                table: "ProjectItems",
                columns: new[] { "ProjectId", "IsGold", "AnnotationCount", "TieBreak" });

            migrationBuilder.CreateIndex(
                name: "IX_ProjectItems_ProjectId_ItemId",
                table: "ProjectItems",
                columns: new[] { "ProjectId", "ItemId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Reservations_ProjectId_AnnotatorId_ExpiresAt",
                table: "Reservations",
                columns: new[] { "ProjectId", "AnnotatorId", "ExpiresAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Reservations_ProjectItemId_AnnotatorId",
                table: "Reservations",
                columns: new[] { "ProjectItemId", "AnnotatorId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Reservations_ProjectItemId_ExpiresAt",
                table: "Reservations",
                columns: new[] { "ProjectItemId", "ExpiresAt" });

            migrationBuilder.CreateIndex(
                name: "IX_VerificationProjects_Name",
                table: "VerificationProjects",
                column: "Name",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Annotations");

            migrationBuilder.DropTable(
                name: "ItemSkips");

            migrationBuilder.DropTable(
                name: "Reservations");

            migrationBuilder.DropTable(
                name: "ProjectItems");

            migrationBuilder.DropTable(
                name: "VerificationProjects");
        }
    }
}
