using System.Text.Json;
using System.Text.Json.Nodes;
using LoRaFuota.Cli;
using LoRaFuota.Cli.Json;
using LoRaFuota.Tests.TestUtilities;

namespace LoRaFuota.Tests.Cli;

/// <summary>The JSON input of <c>encode</c> is strict, and every error names the field to fix.</summary>
public class EncodeStrictnessTests
{
    public static TheoryData<int> SingleCommandEntries()
    {
        var data = new TheoryData<int>();
        int index = 0;
        foreach (JsonElement entry in SpecVectors.Commands.EnumerateArray())
        {
            if (SpecVectors.IsCodecEntry(entry) && !entry.GetProperty("fields").TryGetProperty("commands", out _))
            {
                data.Add(index);
            }

            index++;
        }

        return data;
    }

    [Fact]
    public void Encode_MisspelledField_IsAUsageErrorNamingIt()
    {
        CliResult result = CliRunner.Run("encode", "--port", "201", "--version", "1", "--direction", "down", "{\"command\":\"FragSessionDeleteReq\",\"frag_idx\":2}");

        result.AssertUsageError("unknown field \"frag_idx\"");
        Assert.Contains("\"frag_index\"", result.Error, StringComparison.Ordinal); // what it should have been
        Assert.Empty(result.Output);
    }

    [Theory]
    [MemberData(nameof(SingleCommandEntries))]
    public void Encode_UnknownField_NamesIt(int index)
    {
        JsonObject command = Command(index);
        command["surplus"] = 1;

        Assert.Contains("unknown field \"surplus\"", Error(index, command), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(SingleCommandEntries))]
    public void Encode_IntegerOutOfRange_NamesTheFieldAndItsRange(int index)
    {
        foreach (string name in Names(index, JsonValueKind.Number))
        {
            JsonObject command = Command(index);
            command[name] = 1L << 40;

            string error = Error(index, command);
            Assert.Contains($"\"{name}\" must be an integer from", error, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(SingleCommandEntries))]
    public void Encode_WrongKinds_NameTheField(int index)
    {
        foreach (string name in Names(index, JsonValueKind.Number, JsonValueKind.String, JsonValueKind.True, JsonValueKind.False))
        {
            JsonObject command = Command(index);
            command[name] = command[name]!.GetValueKind() == JsonValueKind.String ? 12 : "zz";

            Assert.Contains($"\"{name}\" must be", Error(index, command), StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(SingleCommandEntries))]
    public void Encode_MissingField_IsAllowedOnlyForStatusBits(int index)
    {
        foreach (string name in Names(index, JsonValueKind.Number, JsonValueKind.String, JsonValueKind.True, JsonValueKind.False))
        {
            JsonObject command = Command(index);
            JsonValueKind kind = command[name]!.GetValueKind();
            command.Remove(name);

            if (kind is JsonValueKind.True or JsonValueKind.False || name == "future_errors")
            {
                // A bit left out is 0; only what that 0 implies may then object (the v2 short status form needs its
                // bit; without omit_received_fields the counters are required).
                try
                {
                    Assert.NotEmpty(Encode(index, command));
                }
                catch (CliUsageException ex)
                {
                    Assert.DoesNotContain($"missing field \"{name}\"", ex.Message, StringComparison.Ordinal);
                    Assert.StartsWith(command["command"]!.GetValue<string>() + ": ", ex.Message, StringComparison.Ordinal);
                }
            }
            else
            {
                Assert.Contains($"missing field \"{name}\"", Error(index, command), StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void Encode_GroupStatusItems_AnyOrderOfDistinctGroupsMatchingTheMask()
    {
        const string Ascending = "{\"command\":\"McGroupStatusAns\",\"ans_group_mask\":5,\"nb_total_groups\":2,\"items\":[{\"mc_group_id\":0,\"mc_addr\":\"01020304\"},{\"mc_group_id\":2,\"mc_addr\":\"0a0b0c0d\"}]}";
        const string Descending = "{\"command\":\"McGroupStatusAns\",\"ans_group_mask\":5,\"nb_total_groups\":2,\"items\":[{\"mc_group_id\":2,\"mc_addr\":\"0a0b0c0d\"},{\"mc_group_id\":0,\"mc_addr\":\"01020304\"}]}";
        string[] up = ["encode", "--port", "200", "--version", "2", "--direction", "up"];

        CliResult a = CliRunner.Run([.. up, Ascending]);
        CliResult b = CliRunner.Run([.. up, Descending]);
        CliResult twice = CliRunner.Run([.. up, Ascending.Replace("\"mc_group_id\":2", "\"mc_group_id\":0", StringComparison.Ordinal)]);
        CliResult unmasked = CliRunner.Run([.. up, Ascending.Replace("\"ans_group_mask\":5", "\"ans_group_mask\":1", StringComparison.Ordinal)]);
        CliResult nested = CliRunner.Run([.. up, Ascending.Replace("\"mc_addr\":\"01020304\"", "\"mc_address\":\"01020304\"", StringComparison.Ordinal)]);

        Assert.Equal(0, a.ExitCode);
        Assert.Equal("01250004030201020d0c0b0a", a.Output.Trim());
        Assert.Equal(a.Output, b.Output);
        twice.AssertUsageError("lists mc_group_id 0 twice");
        unmasked.AssertUsageError("\"items\" must list exactly the groups of \"ans_group_mask\"");
        nested.AssertUsageError("unknown field \"mc_address\"");
    }

    [Fact]
    public void Encode_TimeToStartWithAnErrorBit_MustBeNull()
    {
        CliResult result = CliRunner.Run(
            "encode", "--port", "200", "--version", "2", "--direction", "up",
            "{\"command\":\"McClassCSessionAns\",\"mc_group_id\":1,\"dr_error\":true,\"time_to_start\":5}");

        result.AssertUsageError("\"time_to_start\" must be null here");
    }

    [Fact]
    public void Encode_FieldGivenTwice_NamesIt()
    {
        CliResult result = CliRunner.Run(
            "encode", "--port", "201", "--version", "1", "--direction", "down", "{\"command\":\"FragSessionDeleteReq\",\"frag_index\":1,\"frag_index\":2}");

        result.AssertUsageError("field \"frag_index\" is given twice");
    }

    [Fact]
    public void Encode_FrequencyNotAMultipleOf100Hz_NamesTheStep()
    {
        CliResult result = CliRunner.Run(
            "encode", "--port", "200", "--version", "2", "--direction", "down",
            "{\"command\":\"McClassCSessionReq\",\"mc_group_id\":0,\"session_time\":1,\"time_out\":4,\"dl_frequency_hz\":869525050,\"dr\":0}");

        result.AssertUsageError("\"dl_frequency_hz\" must be an integer from 0 to 1677721500, a multiple of 100");
    }

    private static JsonObject Command(int index)
    {
        JsonElement entry = SpecVectors.Commands[index];
        JsonObject command = JsonNode.Parse(entry.GetProperty("fields").GetRawText())!.AsObject();
        command["command"] = entry.GetProperty("command").GetString();
        return command;
    }

    private static List<string> Names(int index, params JsonValueKind[] kinds) =>
        Command(index).Where(p => p.Key != "command" && p.Value is not null && kinds.Contains(p.Value.GetValueKind())).Select(p => p.Key).ToList();

    private static byte[] Encode(int index, JsonObject command)
    {
        JsonElement entry = SpecVectors.Commands[index];
        using JsonDocument document = JsonDocument.Parse(command.ToJsonString());
        return CommandJsonReader.Encode(document.RootElement, SpecVectors.Package(entry), SpecVectors.Version(entry), SpecVectors.Direction(entry));
    }

    private static string Error(int index, JsonObject command) =>
        Assert.Throws<CliUsageException>(() => Encode(index, command)).Message;
}
