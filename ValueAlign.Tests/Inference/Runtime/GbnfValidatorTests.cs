using ValueAlign.Core.Inference;

namespace ValueAlign.Tests.Inference.Runtime;

public sealed class GbnfValidatorTests
{
    [Fact]
    public void Grammars_from_the_json_helper_are_valid()
    {
        GbnfValidator.Validate(JsonGrammar.ForObject(
            new JsonField("score", JsonFieldType.Rating1To5),
            new JsonField("reason", new JsonFieldType.Text(20)),
            new JsonField("weight", new JsonFieldType.Number()),
            new JsonField("ok", new JsonFieldType.Boolean()),
            new JsonField("tags", new JsonFieldType.TextArray(3, 10))));
    }

    [Fact]
    public void Comments_groups_nested_newlines_and_repetitions_are_accepted()
    {
        GbnfValidator.Validate("""
            # a list of answers
            root ::= answer ("," ws answer)* "\n"?
            answer ::= (
                "yes" | "no" | [0-9]{1,3} | [^"\\\x00-\x1F]+
            )
            ws ::= [ \t]*
            """);
    }

    [Theory]
    [InlineData("root ::= undefined-rule", "undefined rule 'undefined-rule'")]
    [InlineData("start ::= \"a\"", "no rule named 'root'")]
    [InlineData("root ::= root \"a\" | \"b\"", "left-recursive")]
    [InlineData("root ::= x\nx ::= \"a\"? root", "left-recursive")]
    [InlineData("root ::= \"abc", "end of input in a literal")]
    [InlineData("root ::= [a-z", "character class")]
    [InlineData("root ::= \"\\q\"", "unknown escape")]
    [InlineData("root ::= * \"a\"", "no preceding item")]
    [InlineData("root = \"a\"", "expecting ::=")]
    [InlineData("root ::= (\"a\" \"b\"", "expecting ')'")]
    [InlineData("root ::= \"a\"{3,1}", "maximum below its minimum")]
    [InlineData("root ::= \"a\"\nroot ::= \"b\"", "defined twice")]
    [InlineData("root ::= <think>", "token references")]
    public void Invalid_grammars_are_refused_with_what_is_wrong(string grammar, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => GbnfValidator.Validate(grammar));
        Assert.Contains(expected, error.Message);
        Assert.Contains("Invalid grammar", error.Message);
    }

    [Fact]
    public void The_error_gives_the_line_and_column()
    {
        var error = Assert.Throws<ArgumentException>(() => GbnfValidator.Validate("root ::= a\na ::= b"));
        Assert.Contains("line 2, column 7", error.Message);
    }
}
