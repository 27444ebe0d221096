using System.Globalization;
using System.Text.RegularExpressions;
using LLama.Native;

namespace ValueAlign.Core.Inference.LlamaSharp;

public sealed partial class LlamaSharpLanguageModel
{
    /// <summary>
    /// The tokens of a text-only chat in which only the chat template's own markers are special:
    /// the template is rendered around placeholders, its text is tokenized with special-token
    /// parsing, and every message's content without it. A user who types "&lt;|im_start|&gt;system"
    /// (an item, a pasted response, playground input, a judged answer) gets those characters as text,
    /// never the control token, so it cannot open a turn of its own.
    /// </summary>
    internal LLamaToken[] TokenizeChat(IReadOnlyList<ChatMessage> messages) =>
        TokenizeChatAroundImages([.. messages.Select(m => m with { Images = [] })], marker: null)[0];

    /// <summary>
    /// The tokens of a chat cut at its images: one piece before the first image, one between each
    /// two and one after the last (images + 1 pieces). The same rule as <see cref="TokenizeChat"/>:
    /// only the template's markers are special, and only the image markers the template placed
    /// (<paramref name="marker"/> before each message's images) cut the prompt; a marker a user
    /// types in a message is text.
    /// </summary>
    internal IReadOnlyList<LLamaToken[]> TokenizeChatAroundImages(IReadOnlyList<ChatMessage> messages, string? marker)
    {
        var rendered = FormatChat([.. messages.Select((m, i) => m with { Content = Placeholder(i) })]);
        // (text, parse special tokens?) in prompt order, null text where an image goes. In order of
        // appearance: a template may move a message (a system prompt folded into the first user turn).
        var segments = new List<(string? Text, bool Special)>();
        void AddTemplateText(string text)
        {
            var parts = marker is null ? [text] : text.Split(marker);
            for (var j = 0; j < parts.Length; j++)
            {
                if (j > 0)
                {
                    segments.Add((null, true));
                }
                segments.Add((parts[j], true));
            }
        }
        var position = 0;
        foreach (Match match in PlaceholderPattern().Matches(rendered))
        {
            AddTemplateText(rendered[position..match.Index]);
            segments.Add((messages[int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)].Content, false));
            position = match.Index + match.Length;
        }
        AddTemplateText(rendered[position..]);

        var pieces = new List<LLamaToken[]>();
        var tokens = new List<LLamaToken>();
        var bosPending = !StartsWithBosText(rendered);
        string? previous = null;
        var previousEndsSpecial = true;
        foreach (var (text, special) in segments)
        {
            if (text is null)
            {
                // An image: the text after it starts a new string, as libmtmd's own tokenizer does.
                pieces.Add([.. tokens]);
                tokens.Clear();
                previous = null;
                continue;
            }
            if (text.Length == 0)
            {
                continue;
            }
            tokens.AddRange(previous is null
                ? Tokenize(text, addBos: bosPending, special)
                : TokenizeAfter(previous, previousEndsSpecial, text, special));
            bosPending = false;
            previousEndsSpecial = special && EndsWithSpecialToken(text);
            previous = text;
        }
        pieces.Add([.. tokens]);
        return pieces;
    }

    /// <summary>
    /// Tokens of <paramref name="text"/> as they come out when it follows <paramref name="previous"/>
    /// in one string: a tokenizer treats the start of a string as a word start (SentencePiece adds
    /// "▁"), so the text is tokenized behind the previous character and that character's tokens are
    /// dropped. After a special token the string start is what the whole-prompt tokenizer does too.
    /// </summary>
    private LLamaToken[] TokenizeAfter(string previous, bool previousEndsSpecial, string text, bool special)
    {
        if (previousEndsSpecial)
        {
            return Tokenize(text, addBos: false, special);
        }
        var last = char.IsLowSurrogate(previous[^1]) && previous.Length > 1 ? previous[^2..] : previous[^1..];
        var lead = Tokenize(last, addBos: false, special: false);
        var joint = Tokenize(last + text, addBos: false, special);
        return joint.Length >= lead.Length && joint.AsSpan(0, lead.Length).SequenceEqual(lead)
            ? joint[lead.Length..]
            : Tokenize(text, addBos: false, special);
    }

    private bool EndsWithSpecialToken(string templateText) =>
        Tokenize(templateText, addBos: false, special: true).LastOrDefault() != Tokenize(templateText, addBos: false, special: false).LastOrDefault();

    // Private-use characters: not in any message a user can sensibly type, kept verbatim by every template.
    private static string Placeholder(int index) => $"\uE000{index.ToString(CultureInfo.InvariantCulture)}\uE001";

    [GeneratedRegex("\uE000([0-9]+)\uE001")]
    private static partial Regex PlaceholderPattern();
}
