using System.Text.Json.Serialization;
using LoRaFuota.Service.Campaigns;

namespace LoRaFuota.Server.Api;

/// <summary>The request bodies the API reads, source-generated (Native AOT): snake_case, unknown fields refused.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(CampaignRequest))]
[JsonSerializable(typeof(DeviceRegistration))]
internal sealed partial class RequestJsonContext : JsonSerializerContext;
