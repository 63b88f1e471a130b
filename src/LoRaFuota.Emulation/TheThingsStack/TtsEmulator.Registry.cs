using System.Globalization;
using System.Text.Json;
using LoRaFuota.Campaigns;
using LoRaFuota.Planning;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace LoRaFuota.Emulation.TheThingsStack;

/// <content>
/// The end-device registries' HTTP calls that make a multicast pseudo-device: the Identity Server entry, the Network
/// Server's session and MAC settings, the Application Server's session key; and their deletion. Bearer API key.
/// </content>
public sealed partial class TtsEmulator
{
    /// <summary>Maps the emulated registry calls under <c>/api/v3/</c>.</summary>
    /// <param name="endpoints">The application's endpoints.</param>
    public void MapRegistry(IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapPost("/api/v3/applications/{app}/devices", context => Registry(context, CreateEntry));
        endpoints.MapPut("/api/v3/ns/applications/{app}/devices/{dev}", context => Registry(context, SetNetworkServer));
        endpoints.MapPut("/api/v3/as/applications/{app}/devices/{dev}", context => Registry(context, SetApplicationServer));
        endpoints.MapDelete("/api/v3/applications/{app}/devices/{dev}", context => Registry(context, (_, dev) => DeleteEntry(dev, identity: true)));
        endpoints.MapDelete("/api/v3/ns/applications/{app}/devices/{dev}", context => Registry(context, (_, dev) => DeleteEntry(dev, identity: false)));
        endpoints.MapDelete("/api/v3/as/applications/{app}/devices/{dev}", context => Registry(context, (_, dev) => DeleteEntry(dev, identity: false)));
    }

    private async Task Registry(HttpContext context, Func<JsonElement, string?, (int Status, string? Error)> handle)
    {
        if (context.Request.Headers.Authorization.ToString() != "Bearer " + _options.ApiKey)
        {
            await Answer(context, 401, "error:pkg/auth:unauthenticated (unauthenticated)").ConfigureAwait(false);
            return;
        }

        string app = context.Request.RouteValues["app"] as string ?? "";
        if (app != _options.ApplicationId)
        {
            await Answer(context, 403, $"error:pkg/auth/rights:no_application_rights (no rights for application `{app}`)").ConfigureAwait(false);
            return;
        }

        JsonElement body = default;
        if (context.Request.ContentLength is > 0 || HttpMethods.IsPost(context.Request.Method) || HttpMethods.IsPut(context.Request.Method))
        {
            try
            {
                using JsonDocument document = await JsonDocument.ParseAsync(context.Request.Body).ConfigureAwait(false);
                body = document.RootElement.Clone();
            }
            catch (JsonException ex)
            {
                await Answer(context, 400, "error:pkg/jsonpb:unmarshal (" + ex.Message + ")").ConfigureAwait(false);
                return;
            }
        }

        (int status, string? error) result;
        try
        {
            lock (Gate)
            {
                result = handle(body, context.Request.RouteValues["dev"] as string);
            }
        }
        catch (Exception ex) when (ex is KeyNotFoundException or InvalidOperationException or FormatException or ArgumentException)
        {
            result = (400, "error:pkg/ttnpb:field_value (" + ex.Message + ")");
        }

        await Answer(context, result.status, result.error).ConfigureAwait(false);
    }

    private (int, string?) CreateEntry(JsonElement body, string? _)
    {
        string id = body.GetProperty("end_device").GetProperty("ids").GetProperty("device_id").GetString() ?? "";
        if (_pseudoDevices.ContainsKey(id) || _devices.ContainsKey(id))
        {
            return (409, $"error:pkg/identityserver/store:id_taken (ID `{id}` already taken)");
        }

        _pseudoDevices[id] = new PseudoDevice(id, _nextGroup++);
        return (200, null);
    }

    private (int, string?) SetNetworkServer(JsonElement body, string? dev)
    {
        if (!_pseudoDevices.TryGetValue(dev ?? "", out PseudoDevice? device))
        {
            return (404, $"error:pkg/identityserver/store:end_device_not_found (end device `{dev}` not found)");
        }

        JsonElement end = body.GetProperty("end_device");
        if (!end.TryGetProperty("multicast", out JsonElement multicast) || !multicast.GetBoolean())
        {
            return (400, "error:pkg/networkserver:multicast (the emulator keeps only multicast pseudo-devices)");
        }

        JsonElement session = end.GetProperty("session");
        device.McAddr = uint.Parse(session.GetProperty("dev_addr").GetString()!, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        device.NwkSKey = Key128.Parse(session.GetProperty("keys").GetProperty("f_nwk_s_int_key").GetProperty("key").GetString()!.ToLowerInvariant());
        device.NextFCnt = session.TryGetProperty("last_n_f_cnt_down", out JsonElement last) ? last.GetUInt32() + 1 : 0;
        device.Class = end.TryGetProperty("supports_class_b", out JsonElement b) && b.GetBoolean() ? MulticastClass.ClassB : MulticastClass.ClassC;
        JsonElement mac = end.GetProperty("mac_settings");
        string prefix = device.Class == MulticastClass.ClassB ? "ping_slot" : "rx2";
        device.DataRate = int.Parse(mac.GetProperty(prefix + "_data_rate_index").GetProperty("value").GetString()!.Replace("DATA_RATE_", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
        device.FrequencyHz = uint.Parse(mac.GetProperty(prefix + "_frequency").GetProperty("value").GetString()!, CultureInfo.InvariantCulture);
        if (device.Class == MulticastClass.ClassB)
        {
            string period = mac.GetProperty("ping_slot_periodicity").GetProperty("value").GetString()!;
            int seconds = int.Parse(period.Replace("PING_EVERY_", "", StringComparison.Ordinal).TrimEnd('S'), CultureInfo.InvariantCulture);
            device.Periodicity = (byte)int.Log2(seconds);
        }

        device.NetworkServerSet = true;
        Activate(device);
        return (200, null);
    }

    private (int, string?) SetApplicationServer(JsonElement body, string? dev)
    {
        if (!_pseudoDevices.TryGetValue(dev ?? "", out PseudoDevice? device))
        {
            return (404, $"error:pkg/identityserver/store:end_device_not_found (end device `{dev}` not found)");
        }

        JsonElement session = body.GetProperty("end_device").GetProperty("session");
        device.AppSKey = Key128.Parse(session.GetProperty("keys").GetProperty("app_s_key").GetProperty("key").GetString()!.ToLowerInvariant());
        device.ApplicationServerSet = true;
        Activate(device);
        return (200, null);
    }

    // A complete pseudo-device becomes a group the virtual devices' radio knows.
    private void Activate(PseudoDevice device)
    {
        if (device.InNetwork || !device.NetworkServerSet || !device.ApplicationServerSet)
        {
            return;
        }

        Catch();
        device.InNetwork = true;
        device.FreeAt = Time.GetUtcNow();
        Network.CreateMulticastGroup(new MulticastGroupCreation(NextId(), device.Index, device.McAddr, device.AppSKey, device.NwkSKey, device.NextFCnt, device.Class,
            device.DataRate, device.FrequencyHz, device.Periodicity, [], Time.GetUtcNow(), DateTimeOffset.MaxValue));
    }

    private (int, string?) DeleteEntry(string? dev, bool identity)
    {
        if (!_pseudoDevices.TryGetValue(dev ?? "", out PseudoDevice? device))
        {
            return (404, $"error:pkg/identityserver/store:end_device_not_found (end device `{dev}` not found)");
        }

        if (device.InNetwork)
        {
            Catch();
            Network.DeleteMulticastGroup(new MulticastGroupDeletion(NextId(), device.Index));
            device.InNetwork = false;
        }

        if (identity)
        {
            _pseudoDevices.Remove(device.DeviceId);
        }

        return (200, null);
    }

    private static async Task Answer(HttpContext context, int status, string? error)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await using var writer = new Utf8JsonWriter(context.Response.Body);
        writer.WriteStartObject();
        if (error is not null)
        {
            writer.WriteNumber("code", status switch { 401 => 16, 403 => 7, 404 => 5, 409 => 6, _ => 3 });
            writer.WriteString("message", error);
        }

        writer.WriteEndObject();
    }
}
