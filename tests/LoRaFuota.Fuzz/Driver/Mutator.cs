namespace LoRaFuota.Fuzz.Driver;

/// <summary>Byte-level mutations: flips, interesting values, inserts, deletes, duplicated and spliced runs.</summary>
internal sealed class Mutator(Random random)
{
    private static readonly byte[] s_interesting = [0x00, 0x01, 0x02, 0x03, 0x04, 0x07, 0x08, 0x0F, 0x10, 0x1F, 0x20, 0x3F, 0x40, 0x7F, 0x80, 0xFE, 0xFF, (byte)'"', (byte)'{', (byte)'}', (byte)'[', (byte)']', (byte)',', (byte)':', (byte)'-', (byte)'9', (byte)'e', (byte)'\\'];

    /// <summary>Returns a mutated copy of <paramref name="input"/>, possibly spliced with <paramref name="other"/>.</summary>
    public byte[] Mutate(byte[] input, byte[] other, int maxLength)
    {
        var data = new List<byte>(input);
        int rounds = 1 + random.Next(4);
        for (int r = 0; r < rounds; r++)
        {
            Apply(data, other);
        }

        if (data.Count > maxLength)
        {
            data.RemoveRange(maxLength, data.Count - maxLength);
        }

        return [.. data];
    }

    private static readonly string[] s_numbers = ["0", "-1", "1", "255", "256", "65535", "65536", "4294967295", "4294967296", "-2147483649", "9007199254740993", "1e308", "1e309", "-0", "0.5", "1.0", "NaN", "null", "true", "\"x\"", "[]", "{}"];

    private void Apply(List<byte> data, byte[] other)
    {
        int at = data.Count == 0 ? 0 : random.Next(data.Count);
        if (data.Count > 0 && random.Next(4) == 0 && ReplaceNumber(data, at))
        {
            return;
        }

        switch (random.Next(data.Count == 0 ? 1 : 9))
        {
            case 0: // insert random or interesting bytes
                int count = 1 + random.Next(4);
                for (int i = 0; i < count; i++)
                {
                    data.Insert(at, random.Next(2) == 0 ? (byte)random.Next(256) : s_interesting[random.Next(s_interesting.Length)]);
                }

                break;
            case 1:
                data[at] ^= (byte)(1 << random.Next(8));
                break;
            case 2:
                data[at] = (byte)random.Next(256);
                break;
            case 3:
                data[at] = s_interesting[random.Next(s_interesting.Length)];
                break;
            case 4: // delete a run
                data.RemoveRange(at, Math.Min(data.Count - at, 1 + random.Next(8)));
                break;
            case 5: // truncate
                data.RemoveRange(at, data.Count - at);
                break;
            case 6: // duplicate a run
                int length = Math.Min(data.Count - at, 1 + random.Next(16));
                data.InsertRange(random.Next(data.Count + 1), data.GetRange(at, length));
                break;
            case 7: // splice in a run of another input
                if (other.Length > 0)
                {
                    int from = random.Next(other.Length);
                    data.InsertRange(at, other.AsSpan(from, Math.Min(other.Length - from, 1 + random.Next(32))).ToArray());
                }

                break;
            default: // add or subtract a small number (counters, lengths, indices)
                data[at] = (byte)(data[at] + random.Next(-4, 5));
                break;
        }
    }

    // Structure-aware for JSON text: a number value (after ':', ',' or '[' and before ',', '}' or ']') becomes another
    // literal, so the text stays JSON and the change reaches the code behind the parser.
    private bool ReplaceNumber(List<byte> data, int at)
    {
        for (int start = at; start < data.Count; start++)
        {
            if (start == 0 || data[start - 1] is not ((byte)':' or (byte)',' or (byte)'[') || !IsNumberChar(data[start]))
            {
                continue;
            }

            int end = start;
            while (end < data.Count && IsNumberChar(data[end]))
            {
                end++;
            }

            if (end < data.Count && data[end] is not ((byte)',' or (byte)'}' or (byte)']'))
            {
                continue;
            }

            data.RemoveRange(start, end - start);
            data.InsertRange(start, System.Text.Encoding.ASCII.GetBytes(random.Next(3) == 0
                ? s_numbers[random.Next(s_numbers.Length)]
                : random.Next(-3, 70000).ToString(System.Globalization.CultureInfo.InvariantCulture)));
            return true;
        }

        return false;
    }

    private static bool IsNumberChar(byte b) => b is (byte)'-' or (byte)'+' or (byte)'.' or (byte)'e' or (byte)'E' or (>= (byte)'0' and <= (byte)'9');
}
