using System.Text.Json;
using LoRaFuota.Cli.Json.Fields;

namespace LoRaFuota.Cli.Json;

/// <summary>
/// Binds a <see cref="JsonField{TValue}"/> to a property of <typeparamref name="T"/>. A field is required unless it is
/// <see cref="Optional"/> (a bit that defaults to 0) or the command built from the fields before it says it is
/// <see cref="OmittedWhen"/> (then it is written as null and must be null or absent).
/// </summary>
internal sealed class FieldBinding<T, TValue>(JsonField<TValue> jsonField, Func<T, TValue> get, Func<T, TValue, T> set) : IFieldBinding<T>
{
    public string Name => jsonField.Name;

    /// <summary>Gets the only version that has the field, or null for both.</summary>
    public PackageVersion? Only { get; init; }

    /// <summary>Gets a value indicating whether the field may be left out (it then keeps its default).</summary>
    public bool Optional { get; init; }

    /// <summary>Gets when the field carries no value, judged on the command built from the fields bound before it.</summary>
    public Func<T, bool>? OmittedWhen { get; init; }

    public bool AppliesTo(PackageVersion version) => Only is null || Only == version;

    public void Write(Utf8JsonWriter writer, in T command)
    {
        if (OmittedWhen?.Invoke(command) == true)
        {
            writer.WriteNull(jsonField.Name);
            return;
        }

        jsonField.Write(writer, get(command));
    }

    public T Read(JsonElement value, T command, string where)
    {
        bool absent = value.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null;
        if (OmittedWhen?.Invoke(command) == true)
        {
            return absent ? command : throw new CliUsageException($"{where}: \"{jsonField.Name}\" must be null here.");
        }

        if (absent)
        {
            return Optional ? command : throw new CliUsageException($"{where}: missing field \"{jsonField.Name}\".");
        }

        return set(command, jsonField.Read(value));
    }
}
