using System.Text.Json;

namespace LoRaFuota.Cli.Json.Fields;

/// <summary>
/// One JSON field of the command objects: its name and how its value is written and read. Every command that carries
/// the field shares the one instance in <see cref="CommandJsonFields"/>, so decode and encode cannot disagree on a name.
/// </summary>
/// <typeparam name="TValue">The value the field carries.</typeparam>
internal abstract class JsonField<TValue>(string name)
{
    public string Name { get; } = name;

    public abstract void Write(Utf8JsonWriter writer, TValue value);

    /// <summary>Reads a non-null value; anything else is a usage error naming the field.</summary>
    public abstract TValue Read(JsonElement value);

    protected CliUsageException Invalid(string expectation) => new($"\"{Name}\" must be {expectation}.");
}
