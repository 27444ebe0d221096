using System.Text.Json.Nodes;
using ValueAlign.Core.Values;
using ValueAlign.Tests.Support;
using static ValueAlign.Tests.Values.ValueSystemFiles;

namespace ValueAlign.Tests.Values;

public class ValueSystemLoaderTests
{
    [Fact]
    public void A_valid_file_loads_with_every_field()
    {
        using var dir = new TempDirectory();
        var doc = ValidCircular();
        doc["relations"] = new JsonArray(new JsonObject { ["a"] = "north", ["b"] = "south", ["relation"] = "unrelated" });
        doc["dimensions"]![0]!["groups"] = new JsonArray("g");
        doc["dimensions"]![0]!["aliases"] = new JsonArray("Up");
        doc["dimensions"]![0]!["keywords"] = new JsonArray("cold", "pole");

        var system = Load(dir, "tiny", doc.ToJsonString());

        Assert.Equal("tiny", system.Id);
        Assert.Equal("Tiny circle", system.Name);
        Assert.True(system.IsCircular);
        Assert.Equal(["north", "east", "south", "west"], system.Dimensions.Select(d => d.Id));
        Assert.Equal(["g"], system.Dimensions[0].Groups);
        Assert.Equal(["cold", "pole"], system.Dimensions[0].Keywords);
        Assert.Empty(system.Dimensions[1].Keywords);
        Assert.Equal("TQ-4", Assert.Single(system.Instruments).Name);
        Assert.Same(system.Dimensions[0], system.FindDimension(" up "));
        Assert.Equal(int.MaxValue, system.DisplayOrder);
        // Derived: a 4-position circle; north-south face each other, but the explicit relation overrides it.
        Assert.Equal(Relation.Consistent, system.Relations["north", "east"]);
        Assert.Equal(Relation.Opposing, system.Relations["east", "west"]);
        Assert.Equal(Relation.Unrelated, system.Relations["north", "south"]);
    }

    [Fact]
    public void An_empty_keyword_names_its_field()
    {
        using var dir = new TempDirectory();
        var doc = ValidCircular();
        doc["dimensions"]![1]!["keywords"] = new JsonArray("ok", " ");

        var error = LoadFails(dir, "tiny", doc.ToJsonString());

        Assert.Equal("dimensions[1] (east).keywords[1]", error.Field);
    }

    [Fact]
    public void Missing_id_names_file_and_field()
    {
        using var dir = new TempDirectory();
        var doc = ValidCircular();
        doc.Remove("id");

        var error = LoadFails(dir, "tiny", doc.ToJsonString());

        Assert.Equal("id", error.Field);
        Assert.Equal(dir.File("tiny.json"), error.File);
        Assert.Equal($"Value-system file {dir.File("tiny.json")}: id: is missing or empty", error.Message);
    }

    [Fact]
    public void Id_must_match_the_file_name()
    {
        using var dir = new TempDirectory();
        var error = LoadFails(dir, "other", ValidCircular().ToJsonString());
        Assert.Equal("id", error.Field);
        Assert.Contains("'tiny' does not match the file name", error.Message);
    }

    [Fact]
    public void Id_must_be_kebab_case()
    {
        using var dir = new TempDirectory();
        var doc = ValidCircular();
        doc["dimensions"]![1]!["id"] = "East_Wind";
        var error = LoadFails(dir, "tiny", doc.ToJsonString());
        Assert.Equal("dimensions[1].id", error.Field);
        Assert.Contains("'East_Wind' is not a kebab-case id", error.Message);
    }

    [Fact]
    public void Duplicate_dimension_id_names_the_second_occurrence()
    {
        using var dir = new TempDirectory();
        var doc = ValidCircular();
        doc["dimensions"]![2]!["id"] = "north";

        var error = LoadFails(dir, "tiny", doc.ToJsonString());

        Assert.Equal("dimensions[2].id", error.Field);
        Assert.EndsWith("tiny.json: dimensions[2].id: duplicate dimension id 'north'", error.Message);
    }

    [Theory]
    [InlineData(360.0)]
    [InlineData(-1.0)]
    [InlineData(400.0)]
    public void Angle_out_of_range_names_the_dimension(double angle)
    {
        using var dir = new TempDirectory();
        var doc = ValidCircular();
        doc["dimensions"]![3]!["angle"] = angle;

        var error = LoadFails(dir, "tiny", doc.ToJsonString());

        Assert.Equal("dimensions[3] (west).angle", error.Field);
        Assert.Contains("is out of range; use degrees in [0, 360)", error.Message);
    }

    [Fact]
    public void Circular_system_needs_every_angle()
    {
        using var dir = new TempDirectory();
        var doc = ValidCircular();
        doc["dimensions"]![1]!.AsObject().Remove("angle");
        var error = LoadFails(dir, "tiny", doc.ToJsonString());
        Assert.Equal("dimensions[1] (east).angle", error.Field);
        Assert.Contains("is missing", error.Message);
    }

    [Fact]
    public void Non_circular_system_must_not_give_angles()
    {
        using var dir = new TempDirectory();
        var doc = ValidCircular();
        doc["isCircular"] = false;
        var error = LoadFails(dir, "tiny", doc.ToJsonString());
        Assert.Equal("dimensions[0] (north).angle", error.Field);
        Assert.Contains("not circular", error.Message);
    }

    [Fact]
    public void Circle_needs_four_distinct_angles()
    {
        using var dir = new TempDirectory();
        var doc = ValidCircular();
        doc["dimensions"]![3]!["angle"] = 180;
        var error = LoadFails(dir, "tiny", doc.ToJsonString());
        Assert.Equal("dimensions", error.Field);
        Assert.Contains("at least 4 distinct angles; found 3", error.Message);
    }

    [Fact]
    public void Unknown_relation_dimension_names_the_relation_end()
    {
        using var dir = new TempDirectory();
        var doc = ValidCircular();
        doc["relations"] = new JsonArray(
            new JsonObject { ["a"] = "north", ["b"] = "east", ["relation"] = "consistent" },
            new JsonObject { ["a"] = "north", ["b"] = "up", ["relation"] = "opposing" });

        var error = LoadFails(dir, "tiny", doc.ToJsonString());

        Assert.Equal("relations[1].b", error.Field);
        Assert.EndsWith("relations[1].b: unknown dimension 'up'", error.Message);
    }

    [Fact]
    public void Unknown_relation_kind_lists_the_allowed_ones()
    {
        using var dir = new TempDirectory();
        var doc = ValidCircular();
        doc["relations"] = new JsonArray(new JsonObject { ["a"] = "north", ["b"] = "east", ["relation"] = "opposite" });
        var error = LoadFails(dir, "tiny", doc.ToJsonString());
        Assert.Equal("relations[0].relation", error.Field);
        Assert.Contains("'opposite' is not one of consistent, opposing, unrelated", error.Message);
    }

    [Fact]
    public void Relation_to_itself_and_repeated_pairs_are_rejected()
    {
        using var dir = new TempDirectory();
        var self = ValidCircular();
        self["relations"] = new JsonArray(new JsonObject { ["a"] = "east", ["b"] = "east", ["relation"] = "consistent" });
        Assert.Equal("relations[0]", LoadFails(dir, "tiny", self.ToJsonString()).Field);

        var twice = ValidCircular();
        twice["relations"] = new JsonArray(
            new JsonObject { ["a"] = "east", ["b"] = "west", ["relation"] = "consistent" },
            new JsonObject { ["a"] = "west", ["b"] = "east", ["relation"] = "opposing" });
        var error = LoadFails(dir, "tiny", twice.ToJsonString());
        Assert.Equal("relations[1]", error.Field);
        Assert.Contains("listed twice", error.Message);
    }

    [Fact]
    public void Unknown_group_reference_is_rejected()
    {
        using var dir = new TempDirectory();
        var doc = ValidCircular();
        doc["dimensions"]![2]!["groups"] = new JsonArray("g", "nowhere");
        var error = LoadFails(dir, "tiny", doc.ToJsonString());
        Assert.Equal("dimensions[2] (south).groups[1]", error.Field);
        Assert.Contains("unknown group 'nowhere'", error.Message);
    }

    [Fact]
    public void A_label_shared_by_two_dimensions_is_rejected()
    {
        using var dir = new TempDirectory();
        var doc = ValidCircular();
        doc["dimensions"]![1]!["aliases"] = new JsonArray("North");
        var error = LoadFails(dir, "tiny", doc.ToJsonString());
        Assert.Contains("label 'North' also names dimension 'north'", error.Message);
    }

    [Theory]
    [InlineData("scoring")]
    [InlineData("caveats")]
    [InlineData("instruments")]
    [InlineData("theory")]
    [InlineData("isCircular")]
    public void Required_sections_are_named_when_missing(string field)
    {
        using var dir = new TempDirectory();
        var doc = ValidCircular();
        doc.Remove(field);
        var error = LoadFails(dir, "tiny", doc.ToJsonString());
        Assert.Equal(field, error.Field);
    }

    [Fact]
    public void Missing_definition_names_the_dimension()
    {
        using var dir = new TempDirectory();
        var doc = ValidCircular();
        doc["dimensions"]![2]!["definition"] = "  ";
        var error = LoadFails(dir, "tiny", doc.ToJsonString());
        Assert.Equal("dimensions[2] (south).definition", error.Field);
    }

    [Fact]
    public void Malformed_json_gives_the_line_number()
    {
        using var dir = new TempDirectory();
        // Line 4 lacks its trailing comma; the parser notices at the next token, on line 5.
        var json = "{\n  \"id\": \"tiny\",\n  \"name\": \"Tiny\",\n  \"version\": \"1\"\n  \"summary\": \"x\"\n}";

        var error = LoadFails(dir, "tiny", json);

        Assert.Equal(5, error.Line);
        Assert.Contains($"Value-system file {dir.File("tiny.json")}, line 5:", error.Message);
        Assert.Contains("malformed JSON", error.Message);
    }

    [Fact]
    public void Wrong_type_gives_the_field_path_and_line()
    {
        using var dir = new TempDirectory();
        var json = "{\n  \"id\": \"tiny\",\n  \"dimensions\": [\n    { \"id\": \"a\", \"angle\": \"north\" }\n  ]\n}";
        var error = LoadFails(dir, "tiny", json);
        Assert.Equal(4, error.Line);
        Assert.Equal("$.dimensions[0].angle", error.Field);
    }

    [Fact]
    public void Misspelt_field_is_reported_rather_than_ignored()
    {
        using var dir = new TempDirectory();
        var doc = ValidCircular();
        doc["dimensions"]![0]!["definiton"] = "typo";
        var error = LoadFails(dir, "tiny", doc.ToJsonString());
        Assert.Equal("$.dimensions[0].definiton", error.Field);
        Assert.Contains("unknown field 'definiton'", error.Message);
    }

    [Fact]
    public void Folder_without_files_or_missing_folder_fails_clearly()
    {
        using var dir = new TempDirectory();
        var empty = Assert.Throws<InvalidDataException>(() => ValueSystemLoader.LoadFolder(dir.Path));
        Assert.Contains("holds no *.json files", empty.Message);
        var missing = Assert.Throws<DirectoryNotFoundException>(() => ValueSystemLoader.LoadFolder(dir.File("nope")));
        Assert.Contains("does not exist", missing.Message);
    }

    [Fact]
    public void Catalog_constructor_propagates_the_first_bad_file()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("tiny.json"), ValidCircular().ToJsonString());
        File.WriteAllText(dir.File("broken.json"), "{ \"id\": ");

        var error = Assert.Throws<ValueSystemFileException>(() => new ValueSystemCatalog(dir.Path));

        Assert.Equal(dir.File("broken.json"), error.File);
    }
}
