using System.Text.Json;
using GosAnalytics.Collectors.Vk;

namespace GosAnalytics.Collectors.Tests.Vk;

public sealed class VkExecuteTests
{
    private static readonly VkMethodCall WallGet = new("wall.get", new Dictionary<string, string> { ["owner_id"] = "-1", ["count"] = "100" });

    [Fact]
    public void Execute_code_calls_each_method_with_JSON_encoded_parameters_so_no_value_can_break_the_script()
    {
        var hostile = new VkMethodCall("groups.getById", new Dictionary<string, string> { ["group_ids"] = "a\"); API.wall.post({\"x\":1" });

        var code = VkApiClient.ExecuteCode([WallGet, hostile]);

        Assert.Equal("return [API.wall.get({\"owner_id\":\"-1\",\"count\":\"100\"}),API.groups.getById({\"group_ids\":\"a\\u0022); API.wall.post({\\u0022x\\u0022:1\"})];", code);
    }

    [Fact]
    public void An_execute_carries_at_most_25_calls()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => VkApiClient.ExecuteCode(Enumerable.Repeat(WallGet, 26).ToList()));
        Assert.Throws<ArgumentOutOfRangeException>(() => VkApiClient.ExecuteCode([]));
    }

    [Fact]
    public void False_items_of_a_partial_execute_take_the_execute_errors_in_order()
    {
        using var answer = JsonDocument.Parse("""[ { "count": 10, "items": [] }, false, { "count": 0, "items": [] }, false ]""");
        var errors = new[] { new VkApiException(15, "Access denied"), new VkApiException(18, "User was deleted or banned") };

        var outcomes = VkApiClient.ReadExecuteResponse(answer.RootElement, errors, Enumerable.Repeat(WallGet, 4).ToList());

        Assert.Equal([true, false, true, false], outcomes.Select(o => o.Succeeded));
        Assert.Equal(15, outcomes[1].Error!.Code);
        Assert.Equal(18, outcomes[3].Error!.Code);
    }

    [Fact]
    public void A_missing_item_without_a_matching_error_reads_as_an_unknown_error_not_a_crash()
    {
        using var answer = JsonDocument.Parse("""[ false ]""");

        var outcomes = VkApiClient.ReadExecuteResponse(answer.RootElement, [], [WallGet, WallGet]);

        Assert.All(outcomes, o => Assert.Equal(1, o.Error!.Code));
    }

    [Fact]
    public void Group_descriptions_read_in_both_the_5_199_object_shape_and_the_older_array()
    {
        using var current = JsonDocument.Parse("""{ "groups": [ { "id": 1, "screen_name": "club1", "members_count": 10, "verified": 1 } ], "profiles": [] }""");
        using var legacy = JsonDocument.Parse("""[ { "id": 1, "screen_name": "club1", "members_count": "10" } ]""");

        Assert.Equal(10, Assert.Single(VkGroup.ReadGetByIdResponse(current.RootElement)).MembersCount);
        Assert.Equal(10, Assert.Single(VkGroup.ReadGetByIdResponse(legacy.RootElement)).MembersCount);
    }

    [Theory]
    [InlineData("photo", GosAnalytics.Core.Domain.AttachmentKind.Photo)]
    [InlineData("clip", GosAnalytics.Core.Domain.AttachmentKind.Video)]
    [InlineData("podcast", GosAnalytics.Core.Domain.AttachmentKind.Audio)]
    [InlineData("article", GosAnalytics.Core.Domain.AttachmentKind.Link)]
    [InlineData("doc", GosAnalytics.Core.Domain.AttachmentKind.Document)]
    [InlineData("poll", GosAnalytics.Core.Domain.AttachmentKind.Poll)]
    [InlineData("situational_theme", GosAnalytics.Core.Domain.AttachmentKind.Other)]
    [InlineData("a_type_vk_adds_next_year", GosAnalytics.Core.Domain.AttachmentKind.Other)]
    public void Every_attachment_type_has_a_kind_and_unknown_types_are_tolerated(string type, GosAnalytics.Core.Domain.AttachmentKind expected) =>
        Assert.Equal(expected, VkContent.AttachmentKindOf(type));
}
