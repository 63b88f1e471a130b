using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace LoRaFuota.Testing;

/// <summary>
/// A real headless Chromium (Debian package <c>chromium</c>) driven over the DevTools protocol with the BCL's WebSocket:
/// navigate, evaluate script, take screenshots. Started with its own profile in a temp directory and killed by PID when
/// disposed. Skipped with the reason when the browser is missing on a developer's machine; in CI (<c>CI=true</c>) a
/// missing browser is a failure (<c>.ci/run</c> installs it).
/// </summary>
internal sealed class HeadlessChromium : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _profile;
    private readonly ClientWebSocket _socket = new();
    private int _nextId;

    private HeadlessChromium(Process process, string profile)
    {
        _process = process;
        _profile = profile;
    }

    public static string? Binary { get; } = new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome" }.FirstOrDefault(File.Exists);

    public static async Task<HeadlessChromium> StartAsync()
    {
        if (Binary is null)
        {
            if (Environment.GetEnvironmentVariable("CI") == "true")
            {
                throw new InvalidOperationException("Chromium is required in CI: .ci/run installs the 'chromium' Debian package.");
            }

            Skip.If(true, "Chromium is not installed (apt-get install chromium); the dashboard browser test is skipped on this machine.");
        }

        string profile = Directory.CreateTempSubdirectory("lorafuota-chromium-").FullName;
        var process = Process.Start(new ProcessStartInfo(Binary!,
        [
            "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--window-size=1280,1400",
            "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0", $"--user-data-dir={profile}", "about:blank",
        ])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        })!;
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var browser = new HeadlessChromium(process, profile);
        try
        {
            await browser.ConnectAsync();
        }
        catch
        {
            await browser.DisposeAsync();
            throw;
        }

        return browser;
    }

    /// <summary>Sends every request of the page with these headers (an API key, say).</summary>
    public Task SetHeadersAsync(IReadOnlyDictionary<string, string> headers) =>
        CallAsync("Network.setExtraHTTPHeaders", w =>
        {
            w.WriteStartObject("headers");
            foreach ((string name, string value) in headers)
            {
                w.WriteString(name, value);
            }

            w.WriteEndObject();
        });

    public Task NavigateAsync(Uri url) => CallAsync("Page.navigate", w => w.WriteString("url", url.ToString()));

    /// <summary>Evaluates a script expression in the page and returns its value as JSON.</summary>
    public async Task<JsonElement> EvaluateAsync(string expression)
    {
        JsonElement result = await CallAsync("Runtime.evaluate", w =>
        {
            w.WriteString("expression", expression);
            w.WriteBoolean("returnByValue", true);
        });
        return result.GetProperty("result").TryGetProperty("value", out JsonElement value) ? value : default;
    }

    public async Task<byte[]> ScreenshotAsync()
    {
        JsonElement result = await CallAsync("Page.captureScreenshot", w => w.WriteString("format", "png"));
        return Convert.FromBase64String(result.GetProperty("data").GetString()!);
    }

    public async ValueTask DisposeAsync()
    {
        _socket.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_profile, recursive: true);
        }
        catch (IOException)
        {
            // a file still held by a browser helper: the temp directory is cleaned by the OS
        }
    }

    private async Task ConnectAsync()
    {
        string portFile = Path.Combine(_profile, "DevToolsActivePort");
        var wait = Stopwatch.StartNew();
        while (!File.Exists(portFile) || (await File.ReadAllLinesAsync(portFile)).Length < 2)
        {
            if (wait.Elapsed > TimeSpan.FromSeconds(30) || _process.HasExited)
            {
                throw new InvalidOperationException("Chromium did not open its DevTools port.");
            }

            await Task.Delay(100);
        }

        int port = int.Parse((await File.ReadAllLinesAsync(portFile))[0], System.Globalization.CultureInfo.InvariantCulture);
        using var http = new HttpClient();
        using JsonDocument targets = JsonDocument.Parse(await http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/json/list")));
        string page = targets.RootElement.EnumerateArray().First(t => t.GetProperty("type").GetString() == "page").GetProperty("webSocketDebuggerUrl").GetString()!;
        await _socket.ConnectAsync(new Uri(page), CancellationToken.None);
        await CallAsync("Page.enable", _ => { });
        await CallAsync("Network.enable", _ => { });
    }

    private async Task<JsonElement> CallAsync(string method, Action<Utf8JsonWriter> parameters)
    {
        int id = Interlocked.Increment(ref _nextId);
        using (var buffer = new MemoryStream())
        {
            using (var w = new Utf8JsonWriter(buffer))
            {
                w.WriteStartObject();
                w.WriteNumber("id", id);
                w.WriteString("method", method);
                w.WriteStartObject("params");
                parameters(w);
                w.WriteEndObject();
                w.WriteEndObject();
            }

            await _socket.SendAsync(buffer.ToArray(), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            using JsonDocument message = JsonDocument.Parse(await ReceiveAsync(timeout.Token));
            if (message.RootElement.TryGetProperty("id", out JsonElement answered) && answered.GetInt32() == id)
            {
                if (message.RootElement.TryGetProperty("error", out JsonElement error))
                {
                    throw new InvalidOperationException($"{method}: {error}");
                }

                return message.RootElement.GetProperty("result").Clone();
            }
        }
    }

    private async Task<string> ReceiveAsync(CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        byte[] chunk = new byte[64 * 1024];
        while (true)
        {
            WebSocketReceiveResult received = await _socket.ReceiveAsync(chunk, cancellationToken);
            text.Append(Encoding.UTF8.GetString(chunk, 0, received.Count));
            if (received.EndOfMessage)
            {
                return text.ToString();
            }
        }
    }
}
