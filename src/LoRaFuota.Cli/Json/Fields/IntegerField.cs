using System.Globalization;
using System.Text.Json;

namespace LoRaFuota.Cli.Json.Fields;

/// <summary>A JSON integer from <see cref="Min"/> to <see cref="Max"/>, optionally a multiple of <see cref="Step"/>.</summary>
internal sealed class IntegerField(string name, long min, long max, long step = 1) : JsonField<long>(name)
{
    public long Min { get; } = min;

    public long Max { get; } = max;

    public long Step { get; } = step;

    /// <summary>A field of <paramref name="bits"/> unsigned bits.</summary>
    public static IntegerField Bits(string name, int bits) => new(name, 0, (1L << bits) - 1);

    public override void Write(Utf8JsonWriter writer, long value) => writer.WriteNumber(Name, value);

    public override long Read(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out long result) || result < Min || result > Max || result % Step != 0)
        {
            string multiple = Step == 1 ? string.Empty : string.Create(CultureInfo.InvariantCulture, $", a multiple of {Step}");
            throw Invalid(string.Create(CultureInfo.InvariantCulture, $"an integer from {Min} to {Max}{multiple}"));
        }

        return result;
    }
}
