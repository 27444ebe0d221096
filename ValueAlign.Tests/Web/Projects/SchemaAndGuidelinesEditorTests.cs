using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using ValueAlign.Core.Annotation.Guidelines;
using ValueAlign.Core.Annotation.Schema;
using ValueAlign.Web.Components.Pages.Projects;
using ValueAlign.Web.Projects;

namespace ValueAlign.Tests.Web.Projects;

/// <summary>The schema editor shows LabelSchema.Validate's errors as the curator edits; the guidelines preview is sanitised.</summary>
public sealed class SchemaAndGuidelinesEditorTests : IAsyncLifetime
{
    private readonly BunitContext _ctx = new();

    public Task InitializeAsync()
    {
        _ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        _ctx.Services.AddMudServices();
        _ctx.Services.AddSingleton(new GuidelinesRenderer());
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _ctx.DisposeAsync();

    private static AngleSharp.Dom.IElement Input(IRenderedComponent<LabelSchemaEditor> editor, string testId, int index = 0) =>
        editor.FindAll($"input[data-testid={testId}], [data-testid={testId}] input")[index];

    private static string[] Errors(IRenderedComponent<LabelSchemaEditor> editor) =>
        editor.FindAll("[data-testid=schema-error]").Select(e => e.TextContent).ToArray();

    [Fact]
    public void The_honesty_template_is_valid_and_shows_its_questions_options_and_flags()
    {
        var draft = SchemaDraft.From(LabelSchemaTemplates.Honesty());
        var editor = _ctx.Render<LabelSchemaEditor>(p => p.Add(e => e.Draft, draft));

        Assert.Equal("The schema is valid: 4 question(s), 3 flag(s).", editor.Find("[data-testid=schema-valid]").TextContent);
        Assert.Equal(["unanswerable", "type", "reason-correct", "comment"],
            editor.FindAll("[data-testid=schema-question]").Select(q => q.GetAttribute("data-question-key")));
        Assert.Equal(3 + 5 + 3, editor.FindAll("[data-testid=question-option]").Count);
        Assert.Equal(3, editor.FindAll("[data-testid=schema-flag]").Count);
        Assert.Equal(LabelSchemaTemplates.Honesty().ToJson(), draft.ToSchema().ToJson());
    }

    [Fact]
    public void Editing_keys_shows_the_validation_errors_and_fixing_them_clears_them()
    {
        var draft = SchemaDraft.From(LabelSchemaTemplates.Honesty());
        var changes = 0;
        var editor = _ctx.Render<LabelSchemaEditor>(p => p.Add(e => e.Draft, draft).Add(e => e.Changed, () => changes++));

        Input(editor, "question-key").Input("Bad Key");
        editor.WaitForAssertion(() => Assert.Contains("Question 'Bad Key': the key must be lower-case letters, digits and dashes.", Errors(editor)));

        // The first option of the first question takes the key of the "ambiguous" flag.
        Input(editor, "option-key").Input("a");
        editor.WaitForAssertion(() => Assert.Contains("Question 'Bad Key': option 'yes' uses key 'a', which is taken by a flag.", Errors(editor)));

        Input(editor, "question-key").Input("unanswerable");
        Input(editor, "option-key").Input("1");
        editor.WaitForAssertion(() => Assert.Empty(Errors(editor)));
        Assert.NotNull(editor.Find("[data-testid=schema-valid]"));
        Assert.True(changes >= 4);
        Assert.Equal("unanswerable", draft.ToSchema().Questions[0].Key);
    }

    [Fact]
    public void New_questions_and_flags_are_checked_too()
    {
        var draft = SchemaDraft.From(LabelSchemaTemplates.Culture());
        var editor = _ctx.Render<LabelSchemaEditor>(p => p.Add(e => e.Draft, draft));

        editor.Find("[data-testid=add-question]").Click();
        editor.WaitForAssertion(() => Assert.Contains("Question 'question-6': the text is empty.", Errors(editor)));
        Input(editor, "question-text", 5).Input("Is it fluent?");
        editor.WaitForAssertion(() => Assert.DoesNotContain(Errors(editor), e => e.StartsWith("Question 'question-6'")));

        editor.Find("[data-testid=add-flag]").Click();
        editor.WaitForAssertion(() => Assert.Contains("A flag has an empty value or label.", Errors(editor)));
        Input(editor, "flag-key", 3).Input("s");
        editor.WaitForAssertion(() => Assert.Contains("Flag '' uses key 's', which the page reserves (S skip, U undo).", Errors(editor)));

        editor.FindAll("[data-testid=remove-question]")[0].Click();
        Assert.Equal(5, editor.FindAll("[data-testid=schema-question]").Count);
    }

    [Fact]
    public void A_likert_question_shows_its_points_and_their_limit()
    {
        var draft = SchemaDraft.From(LabelSchemaTemplates.Honesty());
        draft.Questions[1].Kind = QuestionKind.Likert;
        draft.Questions[1].Points = 12;
        var editor = _ctx.Render<LabelSchemaEditor>(p => p.Add(e => e.Draft, draft));

        editor.WaitForAssertion(() => Assert.Contains("Question 'type': a Likert question needs 2..9 points (the number keys pick them).", Errors(editor)));
        Input(editor, "likert-points").Input("7");
        editor.WaitForAssertion(() => Assert.Empty(Errors(editor)));
        Assert.Equal(7, draft.ToSchema().Questions[1].Points);
        Assert.Empty(draft.ToSchema().Questions[1].Options);
    }

    [Fact]
    public void The_guidelines_preview_renders_markdown_and_strips_script()
    {
        var markdown = "";
        var editor = _ctx.Render<GuidelinesEditor>(p => p.Add(e => e.MarkdownChanged, v => markdown = v));

        editor.Find("textarea").Input("# Rules\n\n**Bold** words <script>alert('x')</script> <img src=\"x.png\" onerror=\"alert(1)\"> [bad](javascript:alert(2)) [good](https://example.org)");

        var preview = editor.Find("[data-testid=guidelines-preview]").InnerHtml;
        Assert.Contains("<h1", preview);
        Assert.Contains("<strong>Bold</strong>", preview);
        Assert.Contains("href=\"https://example.org\"", preview);
        Assert.DoesNotContain("<script", preview);
        Assert.DoesNotContain("onerror", preview);
        Assert.DoesNotContain("javascript:", preview);
        Assert.StartsWith("# Rules", markdown);
    }
}
