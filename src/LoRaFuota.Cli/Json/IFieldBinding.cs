using System.Text.Json;

namespace LoRaFuota.Cli.Json;

/// <summary>One row of a command's JSON table: a field, the property it stands for and when it applies.</summary>
/// <typeparam name="T">The command record.</typeparam>
internal interface IFieldBinding<T>
{
    string Name { get; }

    bool AppliesTo(PackageVersion version);

    void Write(Utf8JsonWriter writer, in T command);

    /// <summary>Sets the property from <paramref name="value"/> (default when the field is absent) on the command built so far.</summary>
    T Read(JsonElement value, T command, string where);
}
