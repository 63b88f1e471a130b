using System.Globalization;
using System.Text.Json;
using LoRaFuota.Cli.Json.Fields;
using LoRaFuota.Payloads;

namespace LoRaFuota.Cli.Json;

/// <summary>Reads a command record from its bytes.</summary>
internal delegate bool CommandBytesReader<T>(ReadOnlySpan<byte> source, PackageVersion version, out T value);

/// <summary>Writes a command record to bytes; returns the count written.</summary>
internal delegate int CommandBytesWriter<T>(in T value, Span<byte> destination);

/// <summary>The JSON table of one command: its bindings in output order, and how the record meets the bytes.</summary>
/// <typeparam name="T">The command record.</typeparam>
internal sealed class CommandJsonMap<T>(
    AppLayerCommand command,
    byte cid,
    Func<PackageVersion, T> seed,
    CommandBytesReader<T> reader,
    CommandBytesWriter<T> writer,
    params IFieldBinding<T>[] bindings) : ICommandJsonMap
{
    private readonly string[][] _names = [Names(bindings, PackageVersion.V1), Names(bindings, PackageVersion.V2)];

    public AppLayerCommand Command => command;

    public byte Cid => cid;

    public IReadOnlyList<string> FieldNames(PackageVersion version) => _names[version == PackageVersion.V2 ? 1 : 0];

    public void WriteFields(Utf8JsonWriter writer, ReadOnlySpan<byte> bytes, PackageVersion version)
    {
        if (!reader(bytes, version, out T value))
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"The payload reader accepted bytes that {command} rejects."));
        }

        foreach (IFieldBinding<T> binding in bindings)
        {
            if (binding.AppliesTo(version))
            {
                binding.Write(writer, value);
            }
        }
    }

    public int Encode(JsonElement element, PackageVersion version, Span<byte> destination)
    {
        string where = command.ToString();
        JsonObjectFields.RejectUnknown(element, [CommandJson.CommandField, .. FieldNames(version)], where);
        T value = seed(version);
        foreach (IFieldBinding<T> binding in bindings)
        {
            if (binding.AppliesTo(version))
            {
                element.TryGetProperty(binding.Name, out JsonElement field);
                value = binding.Read(field, value, where);
            }
        }

        try
        {
            return writer(value, destination);
        }
        catch (ArgumentException ex)
        {
            throw CliUsageException.From(ex, where);
        }
    }

    private static string[] Names(IFieldBinding<T>[] bindings, PackageVersion version) =>
        [.. bindings.Where(b => b.AppliesTo(version)).Select(b => b.Name)];
}
