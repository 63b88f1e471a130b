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
    // Per version (index 0 = v1, 1 = v2): the bindings that apply, their names, and the object's fields ("command" first).
    private readonly IFieldBinding<T>[][] _bound = [Bound(bindings, PackageVersion.V1), Bound(bindings, PackageVersion.V2)];
    private readonly string[][] _names = [Names(bindings, PackageVersion.V1), Names(bindings, PackageVersion.V2)];
    private readonly JsonObjectFields[] _objects =
    [
        new([CommandJson.CommandField, .. Names(bindings, PackageVersion.V1)]),
        new([CommandJson.CommandField, .. Names(bindings, PackageVersion.V2)]),
    ];

    private readonly string _where = command.ToString();

    public AppLayerCommand Command => command;

    public byte Cid => cid;

    public IReadOnlyList<string> FieldNames(PackageVersion version) => _names[Slot(version)];

    public void WriteFields(Utf8JsonWriter writer, ReadOnlySpan<byte> bytes, PackageVersion version)
    {
        if (!reader(bytes, version, out T value))
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"The payload reader accepted bytes that {command} rejects."));
        }

        foreach (IFieldBinding<T> binding in _bound[Slot(version)])
        {
            binding.Write(writer, value);
        }
    }

    public int Encode(JsonElement element, PackageVersion version, Span<byte> destination)
    {
        string where = _where;
        int slot = Slot(version);
        JsonObjectFields fields = _objects[slot];
        var values = new JsonElement[fields.Count];
        fields.Collect(element, where, values);
        T value = seed(version);
        IFieldBinding<T>[] bound = _bound[slot];
        for (int i = 0; i < bound.Length; i++)
        {
            value = bound[i].Read(values[i + 1], value, where);
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

    private static int Slot(PackageVersion version) => version == PackageVersion.V2 ? 1 : 0;

    private static IFieldBinding<T>[] Bound(IFieldBinding<T>[] bindings, PackageVersion version) => [.. bindings.Where(b => b.AppliesTo(version))];

    private static string[] Names(IFieldBinding<T>[] bindings, PackageVersion version) => [.. Bound(bindings, version).Select(b => b.Name)];
}
