using System.Text.Json;

namespace LoRaFuota.Tests.TestUtilities;

internal static class JsonAssert
{
    /// <summary>Every property of <paramref name="expected"/> exists in <paramref name="actual"/> with an equal value.</summary>
    public static void Contains(JsonElement expected, JsonElement actual, string path = "$")
    {
        switch (expected.ValueKind)
        {
            case JsonValueKind.Object:
                Assert.Equal(JsonValueKind.Object, actual.ValueKind);
                foreach (JsonProperty property in expected.EnumerateObject())
                {
                    Assert.True(actual.TryGetProperty(property.Name, out JsonElement value), $"{path}.{property.Name} is missing in {actual}");
                    Contains(property.Value, value, $"{path}.{property.Name}");
                }

                break;
            case JsonValueKind.Array:
                Assert.Equal(JsonValueKind.Array, actual.ValueKind);
                Assert.Equal(expected.GetArrayLength(), actual.GetArrayLength());
                for (int i = 0; i < expected.GetArrayLength(); i++)
                {
                    Contains(expected[i], actual[i], $"{path}[{i}]");
                }

                break;
            case JsonValueKind.Number:
                Assert.True(actual.ValueKind == JsonValueKind.Number && actual.GetDecimal() == expected.GetDecimal(), $"{path}: expected {expected}, got {actual}");
                break;
            default:
                Assert.True(expected.ValueKind == actual.ValueKind && expected.ToString() == actual.ToString(), $"{path}: expected {expected}, got {actual}");
                break;
        }
    }
}
