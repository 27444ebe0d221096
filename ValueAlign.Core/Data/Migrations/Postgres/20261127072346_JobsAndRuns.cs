using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace ValueAlign.Core.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class JobsAndRuns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "BackgroundJobs",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Kind = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    PayloadJson = table.Column<string>(type: "text", nullable: false),
                    State = table.Column<int>(type: "integer", nullable: false),
                    Done = table.Column<int>(type: "integer", nullable: false),
                    Total = table.Column<int>(type: "integer", nullable: false),
                    Message = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Error = table.Column<string>(type: "text", nullable: true),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    StartedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    FinishedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BackgroundJobs", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "EvalRuns",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Name = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Method = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ModelPath = table.Column<string>(type: "text", nullable: false),
                    ModelFileName = table.Column<string>(type: "text", nullable: false),
                    ModelSha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ModelBytes = table.Column<long>(type: "bigint", nullable: false),
                    ItemFilterJson = table.Column<string>(type: "text", nullable: false),
                    ParametersJson = table.Column<string>(type: "text", nullable: false),
                    Seed = table.Column<int>(type: "integer", nullable: false),
                    ConfigHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    JobId = table.Column<long>(type: "bigint", nullable: true),
                    TextOnly = table.Column<bool>(type: "boolean", nullable: false),
                    UnitCount = table.Column<int>(type: "integer", nullable: false),
                    ReportJson = table.Column<string>(type: "text", nullable: true),
                    CreatedBy = table.Column<string>(type: "text", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    FinishedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EvalRuns", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "JudgeLabels",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    BenchmarkItemId = table.Column<long>(type: "bigint", nullable: false),
                    QuestionKey = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Label = table.Column<string>(type: "text", nullable: false),
                    JudgeModel = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    EvalRunId = table.Column<long>(type: "bigint", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_JudgeLabels", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "EvalItemResults",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RunId = table.Column<long>(type: "bigint", nullable: false),
                    ItemId = table.Column<long>(type: "bigint", nullable: false),
                    UnitKey = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Prompt = table.Column<string>(type: "text", nullable: false),
                    RawOutput = table.Column<string>(type: "text", nullable: false),
                    ParsedAnswer = table.Column<string>(type: "text", nullable: true),
                    ScoresJson = table.Column<string>(type: "text", nullable: false),
                    Correct = table.Column<bool>(type: "boolean", nullable: true),
                    Error = table.Column<string>(type: "text", nullable: true),
                    DurationMs = table.Column<double>(type: "double precision", nullable: false),
                    FromCache = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EvalItemResults", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EvalItemResults_EvalRuns_RunId",
                        column: x => x.RunId,
                        principalTable: "EvalRuns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_BackgroundJobs_State_Id",
                table: "BackgroundJobs",
                columns: new[] { "State", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_EvalItemResults_RunId_ItemId_UnitKey",
                table: "EvalItemResults",
                columns: new[] { "RunId", "ItemId", "UnitKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_EvalRuns_ConfigHash",
                table: "EvalRuns",
                column: "ConfigHash");

            migrationBuilder.CreateIndex(
                name: "IX_EvalRuns_Method",
                table: "EvalRuns",
                column: "Method");

            migrationBuilder.CreateIndex(
                name: "IX_JudgeLabels_BenchmarkItemId_QuestionKey",
                table: "JudgeLabels",
                columns: new[] { "BenchmarkItemId", "QuestionKey" });

            migrationBuilder.CreateIndex(
                name: "IX_JudgeLabels_EvalRunId",
                table: "JudgeLabels",
                column: "EvalRunId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "BackgroundJobs");

            migrationBuilder.DropTable(
                name: "EvalItemResults");

            migrationBuilder.DropTable(
                name: "JudgeLabels");

            migrationBuilder.DropTable(
                name: "EvalRuns");
        }
    }
}
