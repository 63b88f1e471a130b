using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace LoRaFuota.TheThingsStack.Registry;

/// <summary>
/// Creates and deletes multicast pseudo-devices through The Things Stack's HTTP API: the Identity Server entry
/// (<c>POST applications/{app}/devices</c>), the Network Server part (<c>PUT ns/applications/{app}/devices/{dev}</c>:
/// multicast, class, DevAddr, network session key, RX2 or ping-slot settings) and the Application Server part
/// (<c>PUT as/applications/{app}/devices/{dev}</c>: the application session key). A creation that fails half-way is
/// undone, so nothing is left half-created.
/// </summary>
public sealed class TtsDeviceRegistryClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly TtsApiOptions _options;
    private readonly TimeProvider _time;
    private readonly string _serverAddress;

    /// <summary>Initializes a new instance of the <see cref="TtsDeviceRegistryClient"/> class.</summary>
    /// <param name="options">The API settings (validated here).</param>
    /// <param name="handler">The HTTP handler, or null for a new one (tests pass an in-process server's).</param>
    /// <param name="time">The clock for time-outs, or null for the system clock.</param>
    /// <exception cref="ArgumentException">A setting cannot work.</exception>
    public TtsDeviceRegistryClient(TtsApiOptions options, HttpMessageHandler? handler = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _time = time ?? TimeProvider.System;
        _http = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
        _http.BaseAddress = options.BaseAddress;
        _http.Timeout = Timeout.InfiniteTimeSpan; // the time-out runs on the TimeProvider
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", options.ApiKey);
        _serverAddress = options.ServerAddress ?? options.BaseAddress!.Authority;
    }

    /// <summary>Creates a multicast pseudo-device in the three registries.</summary>
    /// <param name="device">The device.</param>
    /// <param name="cancellationToken">Cancels the calls.</param>
    /// <returns>A task that completes when the device exists everywhere.</returns>
    /// <exception cref="TtsApiException">The API refused a call; what was created is deleted again.</exception>
    public async Task CreateMulticastDeviceAsync(TtsMulticastDevice device, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(device);
        if (!Mqtt.TtsTopics.IsIdentifier(device.DeviceId))
        {
            throw new ArgumentException($"'{device.DeviceId}' is not a device id (lower-case letters, digits and dashes).", nameof(device));
        }

        string app = Uri.EscapeDataString(_options.ApplicationId);
        string dev = Uri.EscapeDataString(device.DeviceId);
        await SendAsync(HttpMethod.Post, $"applications/{app}/devices", TtsRegistryRequests.IdentityServer(_options, device, _serverAddress), "create the device entry", cancellationToken).ConfigureAwait(false);
        try
        {
            await SendAsync(HttpMethod.Put, $"ns/applications/{app}/devices/{dev}", TtsRegistryRequests.NetworkServer(_options, device), "set the Network Server session", cancellationToken).ConfigureAwait(false);
            await SendAsync(HttpMethod.Put, $"as/applications/{app}/devices/{dev}", TtsRegistryRequests.ApplicationServer(_options, device), "set the Application Server session", cancellationToken).ConfigureAwait(false);
        }
        catch (TtsApiException)
        {
            try
            {
                await DeleteDeviceAsync(device.DeviceId, CancellationToken.None).ConfigureAwait(false);
            }
            catch (TtsApiException)
            {
                // the refusal that stopped the creation is the one to report; the deletion tried every registry
            }

            throw;
        }
    }

    /// <summary>Deletes a device from the three registries; a part that does not exist is skipped, and a refusal by one does not stop the others.</summary>
    /// <param name="deviceId">The device id.</param>
    /// <param name="cancellationToken">Cancels the calls.</param>
    /// <returns>A task that completes when the device is gone.</returns>
    /// <exception cref="TtsApiException">The API refused a deletion.</exception>
    public async Task DeleteDeviceAsync(string deviceId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(deviceId);
        string app = Uri.EscapeDataString(_options.ApplicationId);
        string dev = Uri.EscapeDataString(deviceId);
        TtsApiException? first = null;
        foreach (string path in (string[])[$"as/applications/{app}/devices/{dev}", $"ns/applications/{app}/devices/{dev}", $"applications/{app}/devices/{dev}"])
        {
            try
            {
                await SendAsync(HttpMethod.Delete, path, null, "delete the device", cancellationToken, notFoundIsFine: true).ConfigureAwait(false);
            }
            catch (TtsApiException ex)
            {
                first ??= ex;
            }
        }

        if (first is not null)
        {
            throw first;
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _http.Dispose();

    private async Task SendAsync(HttpMethod method, string path, byte[]? body, string what, CancellationToken cancellationToken, bool notFoundIsFine = false)
    {
        using var timeout = new CancellationTokenSource(_options.Timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TtsApiException($"The Things Stack API did not answer within {_options.Timeout} to {what}.", ex);
        }
        catch (HttpRequestException ex)
        {
            throw new TtsApiException($"Cannot reach The Things Stack API at {_options.BaseAddress}: {ex.Message}", ex);
        }

        using (response)
        {
            if (response.IsSuccessStatusCode || (notFoundIsFine && response.StatusCode == HttpStatusCode.NotFound))
            {
                return;
            }

            string detail = await ErrorMessageAsync(response, cancellationToken).ConfigureAwait(false);
            string hint = response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden
                ? " Check the API key and its rights (write the application's devices)."
                : "";
            throw new TtsApiException($"The Things Stack API refused to {what} ({(int)response.StatusCode} {response.StatusCode}): {detail}.{hint}", response.StatusCode);
        }
    }

    // The API's error body: {"code": N, "message": "error:pkg:name (text)", "details": [...]}.
    private static async Task<string> ErrorMessageAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        string text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using JsonDocument document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("message", out JsonElement message) && message.ValueKind == JsonValueKind.String)
            {
                return message.GetString()!;
            }
        }
        catch (JsonException)
        {
            // not the API's error shape
        }

        return text.Length > 200 ? text[..200] : text.Length == 0 ? "no details" : text;
    }
}
