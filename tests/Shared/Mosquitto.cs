using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace LoRaFuota.Testing;

/// <summary>
/// A real Mosquitto broker on 127.0.0.1 at a free port, with its own config in a temp directory, stopped by PID when
/// disposed. Tests that need one skip with the reason when the binary is missing on a developer's machine; in CI
/// (<c>CI=true</c>) a missing broker is a failure. <c>.ci/run</c> installs the Debian package.
/// </summary>
internal sealed class Mosquitto : IDisposable
{
    private readonly string _directory;
    private Process? _process;

    private Mosquitto(string directory, int port)
    {
        _directory = directory;
        Port = port;
    }

    public int Port { get; }

    public static string? Binary { get; } = new[] { "/usr/sbin/mosquitto", "/usr/bin/mosquitto", "/usr/local/sbin/mosquitto" }.FirstOrDefault(File.Exists);

    /// <summary>
    /// Starts a broker; with <paramref name="users"/>, TTS-style: a password file and an ACL of <c>pattern readwrite
    /// v3/%u/#</c> plus ChirpStack's topics, and full rights for the <paramref name="serverUsers"/> (an emulated server).
    /// </summary>
    public static Mosquitto Start(IReadOnlyDictionary<string, string>? users = null, IReadOnlyCollection<string>? serverUsers = null)
    {
        if (Binary is null)
        {
            if (Environment.GetEnvironmentVariable("CI") == "true")
            {
                throw new InvalidOperationException("Mosquitto is required in CI: .ci/run installs the 'mosquitto' Debian package.");
            }

            Skip.If(true, "Mosquitto is not installed (apt-get install mosquitto); the broker tests are skipped on this machine.");
        }

        string directory = Directory.CreateTempSubdirectory("lorafuota-mosquitto").FullName;
        // Started as root, mosquitto drops to its own user before it reads the password and ACL files.
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(directory, (UnixFileMode)0b111_101_101);
        }
        var broker = new Mosquitto(directory, FreePort());
        broker.WriteConfig(users, serverUsers ?? []);
        broker.Run();
        return broker;
    }

    /// <summary>Kills the broker (a crash: sessions held in memory are gone).</summary>
    public void Kill()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            _process.WaitForExit(5_000);
        }
    }

    /// <summary>Starts it again on the same port.</summary>
    public void Restart()
    {
        Kill();
        Run();
    }

    public void Dispose()
    {
        Kill();
        _process?.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // a file still held: the temp directory is cleaned by the OS
        }
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    private void WriteConfig(IReadOnlyDictionary<string, string>? users, IReadOnlyCollection<string> serverUsers)
    {
        var lines = new List<string> { $"listener {Port} 127.0.0.1", "persistence false", "log_dest stderr", "log_type error" };
        if (users is null)
        {
            lines.Add("allow_anonymous true");
        }
        else
        {
            string passwords = Path.Combine(_directory, "passwords");
            foreach ((string user, string password) in users)
            {
                string[] arguments = File.Exists(passwords) ? ["-b", passwords, user, password] : ["-b", "-c", passwords, user, password];
                using Process tool = Process.Start(new ProcessStartInfo("mosquitto_passwd", arguments)
                {
                    RedirectStandardError = true,
                    RedirectStandardOutput = true,
                })!;
                tool.WaitForExit(10_000);
            }

            string acl = "pattern readwrite v3/%u/#\npattern readwrite application/#\n" + string.Concat(serverUsers.Select(u => $"user {u}\ntopic readwrite #\n"));
            File.WriteAllText(Path.Combine(_directory, "acl"), acl);
            lines.AddRange(["allow_anonymous false", $"password_file {passwords}", $"acl_file {Path.Combine(_directory, "acl")}"]);
        }

        File.WriteAllLines(Path.Combine(_directory, "mosquitto.conf"), lines);
        if (!OperatingSystem.IsWindows())
        {
            foreach (string file in Directory.EnumerateFiles(_directory))
            {
                File.SetUnixFileMode(file, (UnixFileMode)0b110_100_100);
            }
        }
    }

    private void Run()
    {
        _process = Process.Start(new ProcessStartInfo(Binary!, ["-c", Path.Combine(_directory, "mosquitto.conf")])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        })!;
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(10))
        {
            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(50); // bounded: 10 s at most
            }
        }

        throw new InvalidOperationException($"Mosquitto did not open port {Port} within 10 s.");
    }
}
