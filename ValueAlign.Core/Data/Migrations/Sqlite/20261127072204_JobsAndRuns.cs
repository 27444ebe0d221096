using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ValueAlign.Core.Data.Migrations.Sqlite
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    PayloadJson = table.Column<string>(type: "TEXT", nullable: false),
                    State = table.Column<int>(type: "INTEGER", nullable: false),
                    Done = table.Column<int>(type: "INTEGER", nullable: false),
                    Total = table.Column<int>(type: "INTEGER", nullable: false),
                    Message = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Error = table.Column<string>(type: "TEXT", nullable: true),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    StartedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    FinishedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BackgroundJobs", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "EvalRuns",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Method = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ModelPath = table.Column<string>(type: "TEXT", nullable: false),
                    ModelFileName = table.Column<string>(type: "TEXT", nullable: false),
                    ModelSha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ModelBytes = table.Column<long>(type: "INTEGER", nullable: false),
                    ItemFilterJson = table.Column<string>(type: "TEXT", nullable: false),
                    ParametersJson = table.Column<string>(type: "TEXT", nullable: false),
                    Seed = table.Column<int>(type: "INTEGER", nullable: false),
                    ConfigHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    JobId = table.Column<long>(type: "INTEGER", nullable: true),
                    TextOnly = table.Column<bool>(type: "INTEGER", nullable: false),
                    UnitCount = table.Column<int>(type: "INTEGER", nullable: false),
                    ReportJson = table.Column<string>(type: "TEXT", nullable: true),
                    CreatedBy = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    FinishedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EvalRuns", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "JudgeLabels",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    BenchmarkItemId = table.Column<long>(type: "INTEGER", nullable: false),
                    QuestionKey = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Label = table.Column<string>(type: "TEXT", nullable: false),
                    JudgeModel = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    EvalRunId = table.Column<long>(type: "INTEGER", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_JudgeLabels", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "EvalItemResults",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RunId = table.Column<long>(type: "INTEGER", nullable: false),
                    ItemId = table.Column<long>(type: "INTEGER", nullable: false),
                    UnitKey = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Prompt = table.Column<string>(type: "TEXT", nullable: false),
                    RawOutput = table.Column<string>(type: "TEXT", nullable: false),
                    ParsedAnswer = table.Column<string>(type: "TEXT", nullable: true),
                    ScoresJson = table.Column<string>(type: "TEXT", nullable: false),
                    Correct = table.Column<bool>(type: "INTEGER", nullable: true),
                    Error = table.Column<string>(type: "TEXT", nullable: true),
                    DurationMs = table.Column<double>(type: "REAL", nullable: false),
                    FromCache = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
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
