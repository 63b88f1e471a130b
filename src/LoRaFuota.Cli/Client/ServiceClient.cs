using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace LoRaFuota.Cli.Client;

/// <summary>The service's HTTP API as the CLI calls it: every refusal becomes one line (exit 2) that says what to fix.</summary>
internal sealed class ServiceClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly Uri _server;

    public ServiceClient(string? server, string? apiKey)
    {
        if (!Uri.TryCreate(server, UriKind.Absolute, out Uri? uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new CliUsageException($"--server '{server}' is not http://host:port or https://host:port.");
        }

        if (string.IsNullOrEmpty(apiKey))
        {
            throw new CliUsageException("--api-key is required: the service refuses requests without a key.");
        }

        _server = uri;
        _http = new HttpClient { BaseAddress = uri, Timeout = Timeout.InfiniteTimeSpan };
        _http.DefaultRequestHeaders.Add("X-API-Key", apiKey);
    }

    /// <summary>The two options every client command takes.</summary>
    public static (System.CommandLine.Option<string> Server, System.CommandLine.Option<string> ApiKey) Options() =>
        (new System.CommandLine.Option<string>("--server") { Description = "The service: http://host:port.", Required = true },
         new System.CommandLine.Option<string>("--api-key") { Description = "An API key the service accepts.", Required = true });

    public JsonElement Get(string path) => Send(HttpMethod.Get, path, null);

    public JsonElement Send(HttpMethod method, string path, HttpContent? content) =>
        Task.Run(async () =>
        {
            using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = content };
            using HttpResponseMessage response = await SendAsync(request, HttpCompletionOption.ResponseContentRead, CancellationToken.None).ConfigureAwait(false);
            string body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
            Check(response, body);
            return JsonDocument.Parse(body).RootElement.Clone();
        }).GetAwaiter().GetResult();

    /// <summary>Follows a server-sent event stream, handing each <c>report</c> to <paramref name="onReport"/> until <c>end</c>.</summary>
    public async Task FollowAsync(string path, Action<JsonElement> onReport, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        using HttpResponseMessage response = await SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            Check(response, await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
        }

        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false));
        string? name = null;
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is string line)
        {
            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                name = line[7..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal) && name == "report")
            {
                onReport(JsonDocument.Parse(line[6..]).RootElement.Clone());
            }
            else if (line.Length == 0 && name == "end")
            {
                return;
            }
        }
    }

    public void Dispose() => _http.Dispose();

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, HttpCompletionOption completion, CancellationToken cancellationToken)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            if (completion == HttpCompletionOption.ResponseContentRead)
            {
                timeout.CancelAfter(TimeSpan.FromSeconds(60));
            }

            return await _http.SendAsync(request, completion, timeout.Token).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new CliUsageException($"cannot reach the service at {_server}: {ex.Message}");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new CliUsageException($"the service at {_server} did not answer within 60 s.");
        }
    }

    private static void Check(HttpResponseMessage response, string body)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            throw new CliUsageException("The service refused the API key (401): give one of its keys with --api-key.");
        }

        string detail = body;
        try
        {
            using JsonDocument problem = JsonDocument.Parse(body);
            detail = problem.RootElement.TryGetProperty("detail", out JsonElement text) ? text.GetString() ?? body : body;
        }
        catch (JsonException)
        {
            // not problem details: show what came
        }

        throw new CliUsageException($"{(int)response.StatusCode} {response.ReasonPhrase}: {detail}");
    }

    public static StringContent Json(string json) => new(json, System.Text.Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
}
