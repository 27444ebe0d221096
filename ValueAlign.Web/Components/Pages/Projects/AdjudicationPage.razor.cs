using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;
using ValueAlign.Core.Annotation.Adjudication;
using ValueAlign.Core.Annotation.Labels;
using ValueAlign.Core.Annotation.Projects;
using ValueAlign.Core.Annotation.Schema;

namespace ValueAlign.Web.Components.Pages.Projects;

/// <summary>
/// The curator's adjudication queue. Each disputed item shows every annotator's label per question
/// side by side; the curator picks the verified label per question (pre-selected with the majority
/// where there is one) by key or click and saves. Saved decisions leave the queue.
/// </summary>
public partial class AdjudicationPage
{
    [Inject] private AdjudicationService Adjudication { get; set; } = default!;
    [Inject] private VerificationProjectService Projects { get; set; } = default!;

    [CascadingParameter] private Task<AuthenticationState>? AuthenticationState { get; set; }

    [Parameter] public long ProjectId { get; set; }

    private AdjudicationQueue? _queue;
    private string? _error;
    private int _overlap;
    private int _index;
    private int _active;
    private bool _reject;
    private bool _busy;
    private bool _focusPending;
    private string? _message;
    private Severity _messageSeverity = Severity.Info;
    private ElementReference _keys;

    /// <summary>Question key → chosen values of the item on screen.</summary>
    private readonly Dictionary<string, List<string>> _choices = new(StringComparer.Ordinal);

    private AdjudicationItem? Current => _queue is { Items.Count: > 0 } q ? q.Items[Math.Clamp(_index, 0, q.Items.Count - 1)] : null;

    /// <summary>The decision for the item on screen as the service takes it (for tests and the save button).</summary>
    public IReadOnlyDictionary<string, string> Decision => _choices
        .Where(c => c.Value.Count > 0)
        .ToDictionary(c => c.Key, c => string.Join(AnswerLabel.Separator, c.Value.Order(StringComparer.Ordinal)), StringComparer.Ordinal);

    protected override async Task OnParametersSetAsync()
    {
        var project = await Projects.GetAsync(ProjectId);
        if (project is null)
        {
            _error = $"Verification project {ProjectId} does not exist.";
            return;
        }
        _overlap = project.Overlap;
        await ReloadAsync();
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (_focusPending && Current is not null)
        {
            _focusPending = false;
            try
            {
                await _keys.FocusAsync();
            }
            catch (InvalidOperationException)
            {
                // Not attached to a browser (pre-rendering): the user can click the item instead.
            }
        }
    }

    private async Task ReloadAsync()
    {
        _queue = await Adjudication.QueueAsync(ProjectId);
        ShowItem(_index);
    }

    private void ShowItem(int index)
    {
        _index = _queue is { Items.Count: > 0 } q ? Math.Clamp(index, 0, q.Items.Count - 1) : 0;
        _choices.Clear();
        _reject = false;
        _active = 0;
        if (Current is not { } item)
        {
            return;
        }
        foreach (var question in item.Questions)
        {
            var preset = question.Verified?.Label ?? question.Majority;
            _choices[question.Question.Key] = preset is null ? [] : [.. AnswerLabel.Values(question.Question, preset)];
        }
        _active = Math.Max(0, item.Questions.ToList().FindIndex(q => q.Open));
        _focusPending = true;
    }

    private void Move(int by)
    {
        if (_queue is { Items.Count: > 0 } q)
        {
            ShowItem((_index + by + q.Items.Count) % q.Items.Count);
        }
    }

    /// <summary>The options a curator can pick: every option of the schema (or every Likert point), with its key.</summary>
    private static IEnumerable<(string Value, string Key, string Text)> Choices(LabelQuestion question) =>
        question.Kind == QuestionKind.Likert
            ? question.AllowedValues.Select(v => (v, v, v))
            : question.Options.Select(o => (o.Value, o.Key, o.Label));

    private bool IsChosen(string questionKey, string value) => _choices.TryGetValue(questionKey, out var chosen) && chosen.Contains(value);

    private void Pick(int questionIndex, string value)
    {
        if (Current is not { } item)
        {
            return;
        }
        _active = questionIndex;
        var question = item.Questions[questionIndex].Question;
        var chosen = _choices[question.Key];
        if (question.Kind == QuestionKind.MultipleChoice)
        {
            if (!chosen.Remove(value))
            {
                chosen.Add(value);
            }
        }
        else
        {
            chosen.Clear();
            chosen.Add(value);
        }
    }

    private async Task OnKeyAsync(KeyboardEventArgs e)
    {
        if (Current is not { } item || e.CtrlKey || e.AltKey || e.MetaKey)
        {
            return;
        }
        switch (e.Key)
        {
            case "Enter":
                await SaveAsync();
                return;
            case "ArrowDown" or "j" or "J":
                _active = Math.Min(_active + 1, item.Questions.Count - 1);
                return;
            case "ArrowUp" or "k" or "K":
                _active = Math.Max(_active - 1, 0);
                return;
            case "n" or "N":
                Move(1);
                return;
            case "p" or "P":
                Move(-1);
                return;
        }
        var question = item.Questions[_active].Question;
        var match = Choices(question).FirstOrDefault(c => string.Equals(c.Key, e.Key, StringComparison.OrdinalIgnoreCase));
        if (match.Value is not null)
        {
            Pick(_active, match.Value);
        }
    }

    private async Task SaveAsync()
    {
        if (Current is not { } item || _busy)
        {
            return;
        }
        var missing = item.Questions.Where(q => q.Disputed && Decision.GetValueOrDefault(q.Question.Key) is null).Select(q => q.Question.Text).ToList();
        if (missing.Count > 0 && !_reject)
        {
            Show(Severity.Warning, "Pick a label for: " + string.Join("; ", missing));
            return;
        }
        await RunAsUserAsync(async user =>
        {
            await Adjudication.DecideAsync(ProjectId, item.ProjectItemId, Decision, user, _reject);
            return $"Saved the decision for {item.ExternalId}.";
        });
    }

    private Task AutoVerifyAsync() => RunAsUserAsync(async user =>
    {
        var result = await Adjudication.AutoVerifyAsync(ProjectId, user);
        return $"Accepted {result.Unanimous} unanimous and {result.Majority} majority label(s); {result.ItemsVerified} item(s) fully verified.";
    });

    /// <summary>Runs a change as the signed-in user, shows its success message or the service's error, and reloads the queue.</summary>
    private async Task RunAsUserAsync(Func<string, Task<string>> change)
    {
        var user = await UserIdAsync();
        if (user is null)
        {
            Show(Severity.Error, "Your user id is unknown; sign in again.");
            return;
        }
        _busy = true;
        try
        {
            Show(Severity.Success, await change(user));
            await ReloadAsync();
        }
        catch (AdjudicationException ex)
        {
            Show(Severity.Error, ex.Message);
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task SaveRuleAsync(DisagreementRule rule)
    {
        await Adjudication.SetRuleAsync(ProjectId, rule);
        Show(Severity.Success, $"Rule saved: {rule.Describe()}.");
        await ReloadAsync();
        StateHasChanged();
    }

    private async Task<string?> UserIdAsync()
    {
        if (AuthenticationState is null)
        {
            return null;
        }
        var user = (await AuthenticationState).User;
        return user.FindFirst(ClaimTypes.NameIdentifier)?.Value;
    }

    private void Show(Severity severity, string message) => (_messageSeverity, _message) = (severity, message);
}
