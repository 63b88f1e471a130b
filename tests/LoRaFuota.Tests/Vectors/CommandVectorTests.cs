using System.Buffers;
using System.Text.Json;
using LoRaFuota.Cli.Commands;
using LoRaFuota.Cli.Json;
using LoRaFuota.Payloads;
using LoRaFuota.Tests.TestUtilities;

namespace LoRaFuota.Tests.Vectors;

/// <summary>Every command entry of commands.json: decoding gives the fields, encoding gives the bytes.</summary>
public class CommandVectorTests
{
    public static TheoryData<int> CodecEntries()
    {
        var data = new TheoryData<int>();
        int index = 0;
        foreach (JsonElement entry in SpecVectors.Commands.EnumerateArray())
        {
            if (SpecVectors.IsCodecEntry(entry) || entry.GetProperty("kind").GetString() == "multi_command")
            {
                data.Add(index);
            }

            index++;
        }

        return data;
    }

    [Fact]
    public void VectorFile_HasTheExpectedEntries()
    {
        Assert.Equal(96, SpecVectors.Commands.GetArrayLength());
        Assert.Equal(85, CodecEntries().Count);
    }

    [Theory]
    [MemberData(nameof(CodecEntries))]
    public void Decode_VectorBytes_GivesVectorFields(int index)
    {
        JsonElement entry = SpecVectors.Commands[index];
        byte[] bytes = Hex.Bytes(entry.GetProperty("bytes_hex").GetString()!);
        using var output = new StringWriter();

        bool ok = DecodeCommand.Decode(Hex.Of(bytes), SpecVectors.Package(entry), SpecVectors.Version(entry), SpecVectors.Direction(entry), output);

        Assert.True(ok, output.ToString());
        using JsonDocument decoded = JsonDocument.Parse(output.ToString());
        JsonElement fields = entry.GetProperty("fields");
        if (fields.TryGetProperty("commands", out JsonElement commands))
        {
            JsonAssert.Contains(commands, decoded.RootElement);
            return;
        }

        Assert.Equal(1, decoded.RootElement.GetArrayLength());
        JsonElement command = decoded.RootElement[0];
        Assert.Equal(entry.GetProperty("command").GetString(), command.GetProperty("command").GetString());
        JsonAssert.Contains(fields, command);
    }

    [Theory]
    [MemberData(nameof(CodecEntries))]
    public void Encode_VectorFields_GivesVectorBytes(int index)
    {
        JsonElement entry = SpecVectors.Commands[index];
        JsonElement fields = entry.GetProperty("fields");
        string json = fields.TryGetProperty("commands", out JsonElement commands)
            ? WithCommandNames(commands, entry.GetProperty("command").GetString()!.Split('+'))
            : WithCommandName(fields, entry.GetProperty("command").GetString()!);
        using JsonDocument document = JsonDocument.Parse(json);

        byte[] bytes = CommandJsonReader.Encode(document.RootElement, SpecVectors.Package(entry), SpecVectors.Version(entry), SpecVectors.Direction(entry));

        Assert.Equal(entry.GetProperty("bytes_hex").GetString(), Hex.Of(bytes));
    }

    [Theory]
    [MemberData(nameof(CodecEntries))]
    public void Reader_VectorBytes_ConsumesEverythingWithTheNamedCommands(int index)
    {
        JsonElement entry = SpecVectors.Commands[index];
        byte[] bytes = Hex.Bytes(entry.GetProperty("bytes_hex").GetString()!);
        string[] names = entry.GetProperty("command").GetString()!.Split('+');
        var reader = new AppLayerPayloadReader(bytes, SpecVectors.Package(entry), SpecVectors.Version(entry), SpecVectors.Direction(entry));

        var seen = new List<string>();
        while (reader.Read())
        {
            seen.Add(reader.Command.ToString());
        }

        Assert.Equal(OperationStatus.Done, reader.Status);
        Assert.Equal(bytes.Length, reader.BytesConsumed);
        Assert.Equal(names, seen);
    }

    private static string WithCommandName(JsonElement fields, string name)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(fields.GetRawText())!.AsObject();
        node["command"] = name;
        return node.ToJsonString();
    }

    private static string WithCommandNames(JsonElement commands, string[] names)
    {
        var array = new System.Text.Json.Nodes.JsonArray();
        for (int i = 0; i < commands.GetArrayLength(); i++)
        {
            array.Add(System.Text.Json.Nodes.JsonNode.Parse(WithCommandName(commands[i], names[i])));
        }

        return array.ToJsonString();
    }
}
